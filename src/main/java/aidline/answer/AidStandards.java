package aidline.answer;

import aidline.knowledge.ChineseText;
import aidline.knowledge.KnowledgeException;
import aidline.knowledge.PolicyDocument;
import aidline.knowledge.Region;
import aidline.values.Stage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The aid-standards table ({@code knowledge-base/standards.yaml}), checked against the documents at
 * load: a quote that is not verbatim in its document, or an amount not in its quote, fails start-up
 * naming the entry — a wrong number on a hotline is worse than none.
 */
public final class AidStandards {
  private final List<AidStandard> standards;
  private final List<AidRule> rules;

  public AidStandards(List<AidStandard> standards, List<AidRule> rules) {
    this.standards = List.copyOf(standards);
    this.rules = List.copyOf(rules);
  }

  public static AidStandards empty() {
    return new AidStandards(List.of(), List.of());
  }

  /** Loads and validates; a missing file is an empty table (a foreign knowledge base has none). */
  public static AidStandards load(Path file, DocumentLookup docs) {
    if (!Files.exists(file)) {
      return empty();
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new KnowledgeException("无法读取资助标准文件 " + file + ": " + e.getMessage());
    }
    if (root == null) {
      return empty();
    }
    List<AidStandard> standards = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode n : root.path("standards")) {
      AidStandard s = parseStandard(n, docs);
      if (!ids.add(s.id())) {
        throw new KnowledgeException("资助标准条目 " + s.id() + ": id 重复");
      }
      standards.add(s);
    }
    List<AidRule> rules = new ArrayList<>();
    for (JsonNode n : root.path("rules")) {
      AidRule r = parseRule(n, docs);
      if (!ids.add(r.id())) {
        throw new KnowledgeException("资助标准条目 " + r.id() + ": id 重复");
      }
      rules.add(r);
    }
    return new AidStandards(standards, rules);
  }

  private static AidStandard parseStandard(JsonNode n, DocumentLookup docs) {
    String id = required(n, "id", "?");
    AidStandard.Source source = source(n, id, docs);
    BigDecimal amount = decimal(n, "amount", id, true);
    BigDecimal base = decimal(n, "base", id, false);
    BigDecimal supplement = decimal(n, "supplement", id, false);
    if ((base == null) != (supplement == null)) {
      throw new KnowledgeException("资助标准条目 " + id + ": base 与 supplement 须同时给出");
    }
    if (base != null && base.add(supplement).compareTo(amount) != 0) {
      throw new KnowledgeException("资助标准条目 " + id + ": base + supplement 不等于 amount");
    }
    for (BigDecimal v : new BigDecimal[] {amount, base, supplement}) {
      if (v != null && !containsNumber(source.quote(), v)) {
        throw new KnowledgeException("资助标准条目 " + id + ": 金额 " + v.toPlainString() + " 不在引文中");
      }
    }
    Boolean boarder = n.hasNonNull("boarder") ? n.get("boarder").asBoolean() : null;
    String region = n.path("region").asText("").isBlank() ? source.region() : n.get("region").asText().trim();
    return new AidStandard(
        id,
        region,
        stages(n.path("stages"), id),
        required(n, "item", id),
        required(n, "name", id),
        amount,
        required(n, "unit", id),
        boarder,
        strings(n.path("schoolTypes")),
        strings(n.path("categories")),
        n.path("conditions").asText(""),
        base,
        supplement,
        List.copyOf(strings(n.path("exempt"))),
        source);
  }

  private static AidRule parseRule(JsonNode n, DocumentLookup docs) {
    String id = required(n, "id", "?");
    AidStandard.Source source = source(n, id, docs);
    AidRule.Kind kind;
    try {
      kind = AidRule.Kind.valueOf(required(n, "kind", id).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new KnowledgeException("资助标准条目 " + id + ": kind 须为 exclusion 或 entitlement");
    }
    String region = n.path("region").asText("").isBlank() ? source.region() : n.get("region").asText().trim();
    return new AidRule(
        id,
        kind,
        region,
        stages(n.path("stages"), id),
        strings(n.path("schoolTypes")),
        strings(n.path("categories")),
        strings(n.path("items")),
        required(n, "statement", id),
        source);
  }

  private static AidStandard.Source source(JsonNode n, String id, DocumentLookup docs) {
    String docId = required(n, "docId", id);
    PolicyDocument doc =
        docs.byId(docId).orElseThrow(() -> new KnowledgeException("资助标准条目 " + id + ": 找不到文件 " + docId));
    String quote = required(n, "quote", id);
    if (!comparable(doc.body()).contains(comparable(quote))) {
      throw new KnowledgeException("资助标准条目 " + id + ": 引文不在文件 " + docId + " 中");
    }
    return new AidStandard.Source(docId, doc.title(), doc.docNumber(), doc.region(), required(n, "section", id), quote);
  }

  /** The form quotes are compared in: normalised script, no whitespace, half-width punctuation. */
  static String comparable(String text) {
    String t = ChineseText.normalize(text);
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        continue;
      }
      sb.append(
          switch (c) {
            case '，' -> ',';
            case '：' -> ':';
            case '；' -> ';';
            case '（' -> '(';
            case '）' -> ')';
            case '！' -> '!';
            case '？' -> '?';
            default -> c;
          });
    }
    return sb.toString();
  }

  /** True when the quote states the number as a whole number (8000 is not found inside 18000). */
  static boolean containsNumber(String quote, BigDecimal value) {
    for (BigDecimal v : MoneyAmounts.numbers(comparable(quote))) {
      if (v.compareTo(value) == 0) {
        return true;
      }
    }
    return false;
  }

  private static String required(JsonNode n, String field, String id) {
    String v = n.path(field).asText("").trim();
    if (v.isEmpty()) {
      throw new KnowledgeException("资助标准条目 " + id + ": 缺少 " + field);
    }
    return v;
  }

  private static BigDecimal decimal(JsonNode n, String field, String id, boolean required) {
    if (!n.hasNonNull(field)) {
      if (required) {
        throw new KnowledgeException("资助标准条目 " + id + ": 缺少 " + field);
      }
      return null;
    }
    try {
      return new BigDecimal(n.get(field).asText().trim());
    } catch (NumberFormatException e) {
      throw new KnowledgeException("资助标准条目 " + id + ": " + field + " 不是数字");
    }
  }

  private static Set<Stage> stages(JsonNode node, String id) {
    Set<Stage> set = EnumSet.noneOf(Stage.class);
    for (JsonNode s : node) {
      try {
        set.add(Stage.fromWire(s.asText()));
      } catch (IllegalArgumentException e) {
        throw new KnowledgeException("资助标准条目 " + id + ": 学段 " + s.asText() + " 无效");
      }
    }
    return set;
  }

  private static Set<String> strings(JsonNode node) {
    Set<String> set = new LinkedHashSet<>();
    node.forEach(s -> set.add(s.asText().trim()));
    return set;
  }

  public List<AidStandard> standards() {
    return standards;
  }

  public List<AidRule> rules() {
    return rules;
  }

  public boolean isEmpty() {
    return standards.isEmpty() && rules.isEmpty();
  }

  /**
   * True when a document region applies to the asker: it covers the asker (county → city →
   * province), or lies inside a province/city the asker named.
   */
  static boolean applies(String docRegion, Region asker) {
    if (asker == null) {
      return true;
    }
    return asker.isCoveredBy(docRegion) || (docRegion != null && docRegion.startsWith(asker.path()));
  }

  /**
   * Items a parent names on purpose (午餐, 交通, 贷款, 保教费); a question naming one is not answered with
   * another item's amount. 助学金/学费/生活补助 are how parents call aid in general, so they only narrow.
   */
  private static final Set<String> NAMED_ITEMS = Set.of("nutrition", "transport", "loan", "preschoolAid");

  /** Standards for the slots; {@code region} null means every region. Filters narrow, never widen. */
  public List<AidStandard> select(Region region, Slots slots) {
    return select(region, slots, false);
  }

  /**
   * As {@link #select(Region, Slots)}; with {@code anySchoolType} also the standards written only
   * for a school type the asker did not name (白城's boarder amounts are for 特殊教育学校).
   */
  public List<AidStandard> select(Region region, Slots slots, boolean anySchoolType) {
    List<AidStandard> out = new ArrayList<>();
    for (AidStandard s : standards) {
      if (!applies(s.region(), region)) {
        continue;
      }
      if (!Entitlements.stages(s.stages(), slots.stages())) {
        continue;
      }
      if (slots.stages().isEmpty() && s.stages().contains(Stage.TEACHER) != slots.aboutTeachers()) {
        continue;
      }
      if (Boolean.FALSE.equals(s.boarder()) && slots.boarder()) {
        continue;
      }
      if (!anySchoolType && !Entitlements.schoolTypes(s.schoolTypes(), slots.schoolTypes())) {
        continue;
      }
      out.add(s);
    }
    if (!slots.items().isEmpty()) {
      List<AidStandard> byItem = out.stream().filter(s -> slots.items().contains(s.item())).toList();
      if (!byItem.isEmpty() || slots.items().stream().anyMatch(NAMED_ITEMS::contains)) {
        // 午餐补助 asked where only 寄宿生生活补助 is written: another item's amount does not answer it
        return byItem;
      }
    }
    if (!slots.stages().isEmpty() && out.stream().allMatch(s -> s.stages().isEmpty())) {
      // only stage-agnostic items (海南 交通补助) left for a question about one stage: they do not answer it
      return List.of();
    }
    return out;
  }

  /** Rules of the given kind that apply to the slots. */
  public List<AidRule> rules(AidRule.Kind kind, Region region, Slots slots) {
    return rules(kind, region, slots, false);
  }

  /**
   * As {@link #rules(AidRule.Kind, Region, Slots)}; with {@code anyCategory} also rules for household
   * categories the asker did not name — a summary lists them, and each statement says whom it is for.
   */
  public List<AidRule> rules(AidRule.Kind kind, Region region, Slots slots, boolean anyCategory) {
    List<AidRule> out = new ArrayList<>();
    for (AidRule r : rules) {
      if (r.kind() != kind || !applies(r.region(), region)) {
        continue;
      }
      if (!Entitlements.stages(r.stages(), slots.stages()) || !Entitlements.schoolTypes(r.schoolTypes(), slots.schoolTypes())) {
        continue;
      }
      if (!anyCategory && !Entitlements.categories(r.categories(), slots.categories())) {
        continue;
      }
      if (!r.items().isEmpty() && r.items().stream().noneMatch(slots.items()::contains)) {
        continue;
      }
      out.add(r);
    }
    return out;
  }

  /** Every standard quoting the same sentence: a reply that shows the quote states all its amounts. */
  public List<AidStandard> sharingQuote(AidStandard.Source source) {
    return standards.stream()
        .filter(s -> s.source().docId().equals(source.docId()) && s.source().quote().equals(source.quote()))
        .toList();
  }
}
