package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.AnswerKnowledge;
import aidline.knowledge.KnowledgeBase;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.values.Caller;
import aidline.values.Role;
import aidline.values.Stage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The real standards table of knowledge-base/ read through the entitlement port. */
@ParameterizedClass
@EnumSource(Engine.class)
class StandardsEntitlementRulesTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  static KnowledgeBase kb;
  static AnswerKnowledge knowledge;
  static StandardsEntitlementRules rules;

  @BeforeAll
  static void load() {
    kb = KnowledgeBase.open(Path.of("knowledge-base"));
    knowledge = AnswerKnowledge.of(kb, Path.of("knowledge-base"));
    rules = new StandardsEntitlementRules(knowledge.standards(), knowledge.regions());
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  static StudentProfile student(String region, Stage stage, boolean boarder, HouseholdCategory... categories) {
    Set<HouseholdCategory> set = categories.length == 0 ? Set.of() : EnumSet.of(categories[0], categories);
    String id = TestStudents.id("430623", "20120305", "001");
    return new StudentProfile(id, "G" + id, "演示甲", "男", "汉族", LocalDate.of(2012, 3, 5), "演示学校", stage, "",
        boarder, set, region, "", "");
  }

  static List<String> items(StudentProfile s) {
    return rules.entitlementsFor(s, "2026-2027").stream().map(e -> e.item() + " " + e.amount().toPlainString()).toList();
  }

  @Test
  void countyStudentGetsTheCityStandardWithItsVerbatimQuote() {
    List<Entitlement> e = rules.entitlementsFor(
        student("湖南省岳阳市华容县", Stage.JUNIOR, true, HouseholdCategory.REGISTERED_POOR), "2026-2027");
    assertEquals(1, e.size(), e.toString());
    assertEquals("初中寄宿生生活补助", e.get(0).item());
    assertEquals(new BigDecimal("1250"), e.get(0).amount());
    assertEquals("岳教体办通〔2016〕17号", e.get(0).citation().docNumber());
    assertTrue(e.get(0).citation().quote().contains("初中1250元"), e.get(0).citation().quote());
  }

  @Test
  void boarderAndCategoryConditionsHold() {
    assertEquals(List.of(), items(student("湖南省岳阳市华容县", Stage.JUNIOR, false, HouseholdCategory.REGISTERED_POOR)));
    assertEquals(List.of(), items(student("湖南省岳阳市华容县", Stage.JUNIOR, true, HouseholdCategory.LOW_INCOME)));
    // any roll category makes a household 家庭经济困难 for the senior grant
    assertEquals(List.of("普通高中国家助学金 2000"), items(student("湖南省岳阳市", Stage.SENIOR, false, HouseholdCategory.LOW_INCOME)));
    assertEquals(List.of(), items(student("湖南省岳阳市", Stage.SENIOR, false)));
    // free tuition is for every 中职 pupil; the grant needs hardship
    assertEquals(List.of("中职免学费 2400"), items(student("湖南省岳阳市岳阳县", Stage.VOCATIONAL, false)));
  }

  @Test
  void loansSchoolTypeStandardsAndOtherRegionsAreNotEntitlements() {
    assertEquals(List.of(), items(student("湖南省岳阳市", Stage.HIGHER, false, HouseholdCategory.REGISTERED_POOR)));
    // 白城 special-school standards need a school type the roll does not record
    assertEquals(List.of(), items(student("吉林省白城市洮北区", Stage.PRIMARY, true, HouseholdCategory.REGISTERED_POOR)));
    assertEquals(List.of(), items(student("湖北省恩施土家族苗族自治州建始县", Stage.VOCATIONAL, false)));
  }

  @Test
  void provinceWideStandardsReachEveryCounty() {
    assertEquals(List.of("营养膳食补助 800"), items(student("海南省白沙黎族自治县", Stage.PRIMARY, false)));
  }

  @TempDir Path dir;

  @Test
  void importedStudentShowsEntitlementsWithCitationsAndThePlantedGapFromTheRealTable() {
    try (Database db = dbs.open(engine)) {
      StudentRepository repo = new StudentRepository(db, TestStudents.CLOCK);
      StudentImporter importer = new StudentImporter(repo, knowledge.regions(), TestStudents.CLOCK);
      String id = TestStudents.id("430623", "20120611", "002");
      StudentServiceTest.importBytes(importer, StudentImporter.Kind.STUDENTS,
          "姓名,身份证号,学校,年级,是否寄宿,家庭类别,户籍地,监护人电话\r\n"
              + "演示乙," + id + ",华容县第二中学,初二,是,建档立卡户,华容,13800000002\r\n");
      // planted gap: the autumn half is stuck at 上报
      StudentServiceTest.importBytes(importer, StudentImporter.Kind.AID,
          "身份证号,学年,学期,资助项目,金额,状态,日期\r\n" + id + ",2026-2027,秋季,寄宿生生活补助,625,上报,2026-10-30\r\n");
      StudentService service = new StudentService(repo, rules, StudentTickets.none(), new RecordingAuditLog(),
          knowledge.regions(), TestStudents.CLOCK);
      StudentView v = service.lookup(id, new Caller("staff", Role.STAFF));
      assertEquals(List.of("初中寄宿生生活补助"), v.entitlements().stream().map(Entitlement::item).toList());
      assertEquals("五（二）2", v.entitlements().get(0).citation().section());
      assertEquals(1, v.gaps().size());
      assertEquals("上报", v.gaps().get(0).step());
      assertEquals(new BigDecimal("1250"), v.gaps().get(0).amount());
      assertEquals("岳阳市教育精准扶贫工作实施方案", v.gaps().get(0).citation().title());
    }
  }
}
