package aidline.answer;

import aidline.knowledge.Region;
import aidline.values.Stage;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Amount and eligibility answers from the standards table: amounts with unit and conditions, quoted. */
final class StandardsReplies {
  /** Household categories that make a family 家庭经济困难 in the documents' sense. */
  private static final Set<String> HARDSHIP_KINDS = Set.of("registeredPoor", "lowIncome", "extremePoverty", "orphan", "disabled");

  private final AidStandards table;

  StandardsReplies(AidStandards table) {
    this.table = table;
  }

  /** Standards for the slots, keeping only those the asker qualifies for when that leaves any. */
  List<AidStandard> matching(Region region, Slots slots) {
    return matching(region, slots, false);
  }

  /** As {@link #matching(Region, Slots)}; {@code anySchoolType} also takes standards only for other school types. */
  List<AidStandard> matching(Region region, Slots slots, boolean anySchoolType) {
    List<AidStandard> all = table.select(region, slots, anySchoolType);
    if (slots.categories().isEmpty()) {
      return all;
    }
    Set<String> asker = new LinkedHashSet<>(slots.categories());
    if (asker.stream().anyMatch(HARDSHIP_KINDS::contains)) {
      asker.add("hardship");
    }
    List<AidStandard> qualified =
        all.stream().filter(s -> s.categories().isEmpty() || s.categories().stream().anyMatch(asker::contains)).toList();
    return qualified.isEmpty() ? all : qualified;
  }

  /** Distinct regions of the given standards, in table order. */
  static Set<String> regions(List<AidStandard> standards) {
    Set<String> out = new LinkedHashSet<>();
    standards.forEach(s -> out.add(s.region()));
    return out;
  }

  /** Lists the standards (grouped by region) with their quotes into the reply. */
  void describe(List<AidStandard> standards, Region asker, Replies reply) {
    describe(standards, asker, Set.of(), reply);
  }

  /**
   * As {@link #describe(List, Region, Replies)}; with the stages asked about, a quote that also states
   * other stages' amounts (小学1000元、初中1250元) is shortened to the parts for these stages, so the
   * reply states — and lists — only amounts that answer the question.
   */
  void describe(List<AidStandard> standards, Region asker, Set<Stage> asked, Replies reply) {
    for (String region : regions(standards)) {
      List<AidStandard> here = standards.stream().filter(s -> s.region().equals(region)).toList();
      boolean inherited = asker != null && !asker.path().equals(region) && asker.path().startsWith(region);
      reply.line(inherited ? region + "（" + asker.name() + "按此文件执行）：" : region + "：");
      for (AidStandard s : here) {
        // a list of many standards keeps to name and amount; each one's conditions are in its quote
        reply.line("· " + (here.size() > COMPACT_OVER ? compactLine(s) : line(s)));
        reply.amount(amountOf(s, s.name()));
        if (s.combined()) {
          reply.amount(new Amount(s.base(), s.unit(), s.name() + "（原有部分）", s.region()));
          reply.amount(new Amount(s.supplement(), s.unit(), s.name() + "（增补部分）", s.region()));
        }
      }
      for (AidStandard s : here) {
        List<AidStandard> sharing = table.sharingQuote(s.source());
        List<AidStandard> otherStages =
            sharing.stream().filter(o -> !asked.isEmpty() && !o.stages().isEmpty() && o.stages().stream().noneMatch(asked::contains)).toList();
        List<AidStandard> shown = sharing.stream().filter(o -> !otherStages.contains(o)).toList();
        AidStandard.Source source = otherStages.isEmpty() ? s.source() : shortened(s.source(), shown, otherStages);
        if (reply.cite(source)) {
          // the quote is shown, so every amount it still states is stated by the reply
          for (AidStandard same : shown) {
            reply.amount(amountOf(same, same.name()));
            if (same.combined()) {
              reply.amount(new Amount(same.base(), same.unit(), same.name() + "（原有部分）", same.region()));
              reply.amount(new Amount(same.supplement(), same.unit(), same.name() + "（增补部分）", same.region()));
            }
          }
        }
      }
    }
  }

  /** Separators a quote is cut at when parts of it are left out. */
  private static final String PIECE_ENDS = "，、；,;";

  /**
   * The quote without the pieces (cut at commas and enumeration marks) that state only the amounts of
   * the left-out standards; each left-out run becomes "…", so every remaining piece is verbatim.
   */
  static AidStandard.Source shortened(AidStandard.Source source, List<AidStandard> kept, List<AidStandard> dropped) {
    Set<BigDecimal> keep = new HashSet<>();
    kept.forEach(k -> keep.add(k.amount().stripTrailingZeros()));
    Set<BigDecimal> drop = new HashSet<>();
    dropped.forEach(d -> drop.add(d.amount().stripTrailingZeros()));
    drop.removeAll(keep);
    if (drop.isEmpty()) {
      return source;
    }
    StringBuilder out = new StringBuilder();
    StringBuilder piece = new StringBuilder();
    String q = source.quote();
    boolean skipped = false;
    for (int i = 0; i <= q.length(); i++) {
      boolean end = i == q.length() || PIECE_ENDS.indexOf(q.charAt(i)) >= 0;
      if (i < q.length()) {
        piece.append(q.charAt(i));
      }
      if (end && piece.length() > 0) {
        boolean statesDropped = MoneyAmounts.numbers(piece.toString()).stream().anyMatch(v -> drop.contains(v.stripTrailingZeros()));
        if (statesDropped) {
          if (!skipped) {
            out.append('…');
          }
          skipped = true;
        } else {
          out.append(piece);
          skipped = false;
        }
        piece.setLength(0);
      }
    }
    return new AidStandard.Source(source.docId(), source.title(), source.docNumber(), source.region(), source.section(), out.toString());
  }

  private static Amount amountOf(AidStandard s, String item) {
    return new Amount(s.amount(), s.unit(), item, s.region());
  }

  /** More standards than this in one reply are listed without their conditions. */
  private static final int COMPACT_OVER = 2;

  static String compactLine(AidStandard s) {
    StringBuilder sb = new StringBuilder(s.name()).append("：");
    if (s.combined()) {
      sb.append("合计");
    }
    return sb.append(plain(s.amount())).append(s.unit()).append("。").toString();
  }

  static String line(AidStandard s) {
    StringBuilder sb = new StringBuilder(s.name()).append("：");
    if (s.combined()) {
      sb.append("合计").append(plain(s.amount())).append(s.unit())
          .append("（原有").append(plain(s.base())).append("元，再增补").append(plain(s.supplement())).append("元）");
    } else {
      sb.append(plain(s.amount())).append(s.unit());
    }
    if (!s.conditions().isBlank()) {
      sb.append("。适用：").append(s.conditions());
    }
    if (!s.exempt().isEmpty()) {
      sb.append("。另：").append(String.join("、", s.exempt()));
    }
    return sb.append("。").toString();
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  /** Rules (exclusions or entitlements) with their quotes. */
  void describeRules(List<AidRule> rules, Replies reply) {
    for (AidRule r : rules) {
      reply.line(r.statement());
    }
    for (AidRule r : rules) {
      reply.cite(r.source());
    }
  }
}
