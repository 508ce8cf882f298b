package aidline.demo;

import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.student.AidRecord;
import aidline.student.AidStatus;
import aidline.student.Entitlement;
import aidline.student.HouseholdCategory;
import aidline.student.StudentImportException;
import aidline.student.StudentProfile;
import aidline.values.NationalId;
import aidline.values.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Generates demo and benchmark students that can never be real people: every 身份证号 starts with
 * address code 99xxxx, which no province has (they run 11–82), yet passes the GB 11643 check; every
 * name, guardian and school contains 演示. Households are spread over the leaf regions of
 * regions.yaml (the seed documents' regions). The same seed gives the same students.
 */
public final class SyntheticStudents {
  static final String ROLL_HEADER = "姓名,身份证号,学籍号,性别,民族,学校,学段,年级,是否寄宿,家庭类别,户籍地,监护人,监护人电话";
  static final String AID_HEADER = "身份证号,学年,学期,资助项目,金额,状态,日期,备注";
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高"};
  private static final String[] ETHNICITIES = {"汉族", "汉族", "汉族", "汉族", "土家族", "苗族", "满族", "黎族", "蒙古族"};

  private final List<Region> leaves;
  private final LocalDate today;

  public SyntheticStudents(Regions regions, LocalDate today) {
    this.leaves = regions.all().stream()
        .filter(r -> regions.all().stream().noneMatch(o -> r.path().equals(o.parentPath())))
        .toList();
    this.today = today;
  }

  /** Student {@code i} of the set made with {@code seed}; cheap enough to call a million times. */
  public StudentProfile student(long seed, int i) {
    if (leaves.isEmpty()) {
      throw new StudentImportException("地区表 regions.yaml 为空或不存在，无法生成演示学生");
    }
    Random rnd = new Random(seed * 1_000_003L + i);
    Stage stage = stage(rnd.nextInt(100));
    int age = switch (stage) {
      case PRESCHOOL -> 3 + rnd.nextInt(3);
      case PRIMARY -> 6 + rnd.nextInt(6);
      case JUNIOR -> 12 + rnd.nextInt(3);
      case SENIOR, VOCATIONAL -> 15 + rnd.nextInt(3);
      case HIGHER -> 18 + rnd.nextInt(4);
      case TEACHER -> throw new IllegalStateException("stage() only picks pupils' stages");
    };
    LocalDate birth = today.minusYears(age).withDayOfYear(1 + rnd.nextInt(365));
    String first17 = String.format("99%04d%s%03d", (i / 1000) % 10000,
        birth.toString().replace("-", ""), i % 1000);
    if (i >= 10_000_000) {
      throw new IllegalArgumentException("at most 10,000,000 synthetic students");
    }
    String id = first17 + NationalId.checkChar(first17);
    Region region = leaves.get(rnd.nextInt(leaves.size()));
    String county = region.name();
    String surname = SURNAMES[rnd.nextInt(SURNAMES.length)];
    boolean boarder = stage != Stage.PRESCHOOL && stage != Stage.HIGHER && rnd.nextInt(100) < 45;
    return new StudentProfile(
        id,
        "G" + id,
        "演示" + surname + (i + 1),
        (first17.charAt(16) - '0') % 2 == 1 ? NationalId.MALE : NationalId.FEMALE,
        ETHNICITIES[rnd.nextInt(ETHNICITIES.length)],
        birth,
        county + "演示" + stage.label() + (stage == Stage.PRESCHOOL ? "幼儿园" : "学校"),
        stage,
        grade(stage, age),
        boarder,
        categories(rnd),
        region.path(),
        "演示家长" + (i + 1),
        String.format("1990000%04d", i % 10000));
  }

  private static Stage stage(int p) {
    return p < 10 ? Stage.PRESCHOOL : p < 45 ? Stage.PRIMARY : p < 70 ? Stage.JUNIOR : p < 82 ? Stage.SENIOR
        : p < 92 ? Stage.VOCATIONAL : Stage.HIGHER;
  }

  private static String grade(Stage stage, int age) {
    String[] cn = {"一", "二", "三", "四", "五", "六"};
    return switch (stage) {
      case PRESCHOOL -> new String[] {"小班", "中班", "大班"}[Math.min(age - 3, 2)];
      case PRIMARY -> cn[Math.min(age - 6, 5)] + "年级";
      case JUNIOR -> "初" + cn[Math.min(age - 12, 2)];
      case SENIOR -> "高" + cn[Math.min(age - 15, 2)];
      case VOCATIONAL -> "中职" + cn[Math.min(age - 15, 2)] + "年级";
      case HIGHER -> "大" + cn[Math.min(age - 18, 3)];
      case TEACHER -> throw new IllegalStateException("stage() only picks pupils' stages");
    };
  }

  private static Set<HouseholdCategory> categories(Random rnd) {
    Set<HouseholdCategory> set = EnumSet.noneOf(HouseholdCategory.class);
    int p = rnd.nextInt(100);
    if (p < 35) {
      set.add(HouseholdCategory.REGISTERED_POOR);
    } else if (p < 50) {
      set.add(HouseholdCategory.LOW_INCOME);
    } else if (p < 53) {
      set.add(HouseholdCategory.EXTREME_POVERTY);
    } else if (p < 55) {
      set.add(HouseholdCategory.ORPHAN);
    }
    if (rnd.nextInt(100) < 3) {
      set.add(HouseholdCategory.DISABLED);
    }
    return set;
  }

  /**
   * Aid records for what the rules say the student is entitled to this school year: most paid in
   * both terms, some stuck in a step, a few rejected and a few with nothing on record (the gaps).
   */
  public List<AidRecord> aid(StudentProfile s, List<Entitlement> entitlements, long seed, int i, String schoolYear) {
    Random rnd = new Random(seed * 7_919L + i);
    List<AidRecord> out = new ArrayList<>();
    int start = Integer.parseInt(schoolYear.substring(0, 4));
    for (Entitlement e : entitlements) {
      int p = rnd.nextInt(100);
      if (p < 5) {
        continue; // no record: a gap nobody noticed
      }
      BigDecimal half = e.amount().divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP).stripTrailingZeros();
      out.add(new AidRecord(s.nationalId(), schoolYear, "秋季", e.item(), half, AidStatus.DISBURSED,
          LocalDate.of(start, 10, 10 + rnd.nextInt(15)), "演示数据"));
      AidStatus spring = p < 80 ? AidStatus.DISBURSED : p < 95
          ? new AidStatus[] {AidStatus.APPLIED, AidStatus.REVIEWED, AidStatus.PUBLICIZED, AidStatus.REPORTED}[rnd.nextInt(4)]
          : AidStatus.REJECTED;
      LocalDate springDate = LocalDate.of(start + 1, 3, 1 + rnd.nextInt(20));
      if (!springDate.isAfter(today)) {
        out.add(new AidRecord(s.nationalId(), schoolYear, "春季", e.item(), half, spring, springDate, "演示数据"));
      } else if (spring != AidStatus.DISBURSED) {
        // before spring, show the autumn half as the stuck one instead
        out.set(out.size() - 1, new AidRecord(s.nationalId(), schoolYear, "秋季", e.item(), half, spring,
            LocalDate.of(start, 10, 1 + rnd.nextInt(20)), "演示数据"));
      }
    }
    return out;
  }

  public static void writeRollRow(Writer w, StudentProfile s) {
    try {
      w.write(String.join(",", s.name(), s.nationalId(), s.studentNo(), s.gender(), s.ethnicity(), s.school(),
          s.stage().label(), s.grade(), s.boarder() ? "是" : "否",
          String.join("、", s.categories().stream().sorted().map(HouseholdCategory::label).toList()), s.region(),
          s.guardianName(), s.guardianPhone()));
      w.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeAidRow(Writer w, AidRecord r) {
    try {
      w.write(String.join(",", r.nationalId(), r.schoolYear(), r.term(), r.item(), r.amount().toPlainString(),
          r.status().label(), r.date() == null ? "" : r.date().toString(), r.note()));
      w.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a roll of {@code n} students as CSV. */
  public void writeRoll(Writer w, long seed, int n) {
    writeRows(w, ROLL_HEADER, n, i -> student(seed, i));
  }

  private void writeRows(Writer w, String header, int n, IntFunction<StudentProfile> make) {
    try {
      w.write(header);
      w.write("\r\n");
      for (int i = 0; i < n; i++) {
        writeRollRow(w, make.apply(i));
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
