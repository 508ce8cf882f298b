package aidline.answer;

import aidline.knowledge.Region;
import java.math.BigDecimal;
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
    List<AidStandard> all = table.select(region, slots);
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
    for (String region : regions(standards)) {
      List<AidStandard> here = standards.stream().filter(s -> s.region().equals(region)).toList();
      boolean inherited = asker != null && !asker.path().equals(region) && asker.path().startsWith(region);
      reply.line(inherited ? region + "（" + asker.name() + "按此文件执行）：" : region + "：");
      for (AidStandard s : here) {
        reply.line("· " + line(s));
        reply.amount(amountOf(s, s.name()));
        if (s.combined()) {
          reply.amount(new Amount(s.base(), s.unit(), s.name() + "（原有部分）", s.region()));
          reply.amount(new Amount(s.supplement(), s.unit(), s.name() + "（增补部分）", s.region()));
        }
      }
      for (AidStandard s : here) {
        if (reply.cite(s.source())) {
          // the quote is shown in full, so every amount it states is stated by the reply
          for (AidStandard same : table.sharingQuote(s.source())) {
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

  private static Amount amountOf(AidStandard s, String item) {
    return new Amount(s.amount(), s.unit(), item, s.region());
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
    if (!s.exempt().isEmpty() && !s.conditions().contains(s.exempt().get(0))) {
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
