package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import aidline.values.Masking;
import aidline.values.Role;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapFinderTest {
  static final Entitlement LIVING =
      new Entitlement("初中寄宿生生活补助", new BigDecimal("1250"), "元/生·年", FixtureEntitlementRules.BOARDING);
  static final String YEAR = "2026-2027";

  static AidRecord record(String year, String term, String item, AidStatus status, String date) {
    return new AidRecord("x", year, term, item, new BigDecimal("625"), status, date == null ? null : LocalDate.parse(date), "");
  }

  @Test
  void allTermsPaidUnderAShorterItemNameIsNoGap() {
    assertEquals(List.of(), GapFinder.gaps(List.of(LIVING), List.of(
        record(YEAR, "秋季", "寄宿生生活补助", AidStatus.DISBURSED, "2026-10-01"),
        record(YEAR, "春季", "寄宿生 生活补助", AidStatus.DISBURSED, "2027-03-01")), YEAR));
  }

  @Test
  void rejectedIsAGapToCheckAndTheLatestStuckStepIsShown() {
    Gap rejected = GapFinder.gaps(List.of(LIVING), List.of(record(YEAR, "秋季", "寄宿生生活补助", AidStatus.REJECTED, "2026-10-09")), YEAR).get(0);
    assertEquals(AidStatus.REJECTED, rejected.step());
    assertEquals("秋季申请未通过（2026-10-09 起），但按政策应享受，请核实", rejected.reason());
    Gap stuck = GapFinder.gaps(List.of(LIVING), List.of(
        record(YEAR, "秋季", "寄宿生生活补助", AidStatus.REVIEWED, "2026-09-20"),
        record(YEAR, "秋季", "生活补助", AidStatus.PUBLICIZED, "2026-10-20")), YEAR).get(0);
    assertEquals(AidStatus.PUBLICIZED, stuck.step());
  }

  @Test
  void otherYearsAndOtherItemsDoNotCount() {
    Gap g = GapFinder.gaps(List.of(LIVING), List.of(
        record("2025-2026", "全年", "寄宿生生活补助", AidStatus.DISBURSED, null),
        record(YEAR, "全年", "营养膳食补助", AidStatus.DISBURSED, null)), YEAR).get(0);
    assertNull(g.step());
    assertEquals("本学年应享受，但没有申请或发放记录", g.reason());
  }

  @Test
  void maskingDependsOnTheRole() {
    assertEquals("430623********0011", Masking.nationalId("430623201203050011", Role.STAFF));
    assertEquals("430623********0011", Masking.nationalId("430623201203050011", Role.OPERATOR));
    assertEquals("430623201203050011", Masking.nationalId("430623201203050011", Role.ADMIN));
    assertEquals("071****4567", Masking.phone("07181234567", Role.STAFF));
    assertEquals("G430623********0011", Masking.studentNo("G430623201203050011", Role.STAFF));
    assertEquals("X2024001", Masking.studentNo("X2024001", Role.STAFF));
  }
}
