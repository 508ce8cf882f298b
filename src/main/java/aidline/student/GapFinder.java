package aidline.student;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares what policy gives (entitlements) with what the aid lists record for one school year.
 * Pure: the same inputs always give the same gaps.
 */
public final class GapFinder {
  private GapFinder() {}

  public static List<Gap> gaps(List<Entitlement> entitlements, List<AidRecord> records, String schoolYear) {
    List<Gap> gaps = new ArrayList<>();
    for (Entitlement e : entitlements) {
      List<AidRecord> matching =
          records.stream().filter(r -> schoolYear.equals(r.schoolYear()) && sameItem(e.item(), r.item())).toList();
      if (matching.isEmpty()) {
        gaps.add(new Gap(e, schoolYear, null, null, "本学年应享受，但没有申请或发放记录"));
        continue;
      }
      // a term still waiting is a gap even if another term was paid
      matching.stream()
          .filter(r -> !r.status().disbursed())
          .max(Comparator.comparing(r -> r.date() == null ? LocalDate.MIN : r.date()))
          .ifPresent(r -> gaps.add(new Gap(e, schoolYear, r.status(), r.date(), reason(r))));
    }
    return gaps;
  }

  private static String reason(AidRecord r) {
    String when = r.date() == null ? "" : "（" + r.date() + " 起）";
    if (r.status() == AidStatus.REJECTED) {
      return r.term() + "申请未通过" + when + "，但按政策应享受，请核实";
    }
    return r.term() + "停在「" + r.status().label() + "」环节" + when + "，尚未发放";
  }

  /**
   * Lists and the standards table name items differently (国家助学金 vs 普通高中国家助学金), so an
   * item matches when one name contains the other after removing spaces.
   */
  static boolean sameItem(String a, String b) {
    String x = a.replaceAll("\\s", "");
    String y = b.replaceAll("\\s", "");
    return !x.isEmpty() && !y.isEmpty() && (x.contains(y) || y.contains(x));
  }
}
