package aidline.student;

import aidline.answer.Citation;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.values.Stage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny stand-in for the aid-standards table, for tests only: two rules of 岳阳教体办通〔2016〕17号,
 * quoted verbatim from seed 000, applied to students whose household is under 湖南省岳阳市.
 */
final class FixtureEntitlementRules implements EntitlementRules {
  static final String YUEYANG = "湖南省岳阳市";
  static final Citation BOARDING = new Citation("yueyang-2016-17", "岳阳市教育精准扶贫工作实施方案", "岳教体办通〔2016〕17号",
      YUEYANG, "五（二）2", "所有建档立卡的家庭经济困难寄宿生给予生活补助，标准为每生每年小学1000元、初中1250元。");
  static final Citation SENIOR_GRANT = new Citation("yueyang-2016-17", "岳阳市教育精准扶贫工作实施方案", "岳教体办通〔2016〕17号",
      YUEYANG, "五（二）3", "家庭经济困难学生平均资助标准为每生每年2000元。");

  private final Regions regions;

  FixtureEntitlementRules(Regions regions) {
    this.regions = regions;
  }

  @Override
  public List<Entitlement> entitlementsFor(StudentProfile s, String schoolYear) {
    List<Entitlement> out = new ArrayList<>();
    boolean covered = regions.byPath(s.region()).map((Region r) -> r.isCoveredBy(YUEYANG)).orElse(false);
    if (!covered) {
      return out;
    }
    if (s.boarder() && s.hasCategory(HouseholdCategory.REGISTERED_POOR)) {
      if (s.stage() == Stage.PRIMARY) {
        out.add(new Entitlement("寄宿生生活补助", new BigDecimal("1000"), "元/生·年", BOARDING));
      } else if (s.stage() == Stage.JUNIOR) {
        out.add(new Entitlement("寄宿生生活补助", new BigDecimal("1250"), "元/生·年", BOARDING));
      }
    }
    if (s.stage() == Stage.SENIOR && !s.categories().isEmpty()) {
      out.add(new Entitlement("普通高中国家助学金", new BigDecimal("2000"), "元/生·年", SENIOR_GRANT));
    }
    return out;
  }
}
