package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.values.Stage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class StudentImporterTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  static final Charset GBK = Charset.forName("GBK");
  static final String GOOD_1 = TestStudents.id("430623", "20120305", "001");
  static final String GOOD_2 = TestStudents.id("430623", "20090611", "002");
  static final String GOOD_3 = TestStudents.id("422822", "20080120", "013");

  @TempDir Path dir;
  Database db;
  StudentRepository repo;
  StudentImporter importer;

  @BeforeEach
  void open() {
    db = dbs.open(engine);
    repo = new StudentRepository(db, TestStudents.CLOCK);
    importer = new StudentImporter(repo, TestStudents.regions(), TestStudents.CLOCK);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static final String HEADER = "姓名,身份证号码,学籍号,性别,民族,学校名称,学段,年级,是否寄宿,家庭类别,户籍地,监护人,监护人电话\r\n";

  /** A roll as Excel exports it: GBK, CRLF, a quoted cell with a comma, and every kind of bad row. */
  static String roll() {
    return HEADER
        + "演示甲," + GOOD_1 + ",,男,汉族,华容县第一小学,小学,三年级,是,建档立卡,湖南省岳阳市华容县,演示监护人甲,13800000001\r\n" // 2 good
        + "演示乙," + GOOD_2 + ",,女,汉族,华容县第二中学,初中,初二,是,\"建档立卡,农村低保\",华容,演示监护人乙,13800000002\r\n" // 3 good
        + "演示丙," + TestStudents.withBadCheckDigit(GOOD_3) + ",,男,土家族,建始县民族中学,初中,初一,否,,建始县,,\r\n" // 4 bad check digit
        + "演示丁,430623" + "20100231" + "0031,,男,汉族,华容县第一小学,小学,五年级,否,,华容县,,\r\n" // 5 impossible date
        + "演示戊," + GOOD_3 + ",,男,土家族,建始县民族中学,研究生,,否,,建始县,,\r\n" // 6 unknown stage
        + "演示己," + TestStudents.id("430623", "20110707", "005") + ",,男,汉族,某小学,小学,四年级,否,,火星市,,\r\n" // 7 unknown region
        + "演示庚," + TestStudents.id("430623", "20110708", "007") + ",,男,汉族\r\n" // 8 wrong columns
        + "\u0001\u0002\u0003junk," + TestStudents.id("430623", "20110709", "009") + ",,男,汉族,某小学,小学,四年级,否,,华容县,,\r\n" // 9 binary junk
        + "演示辛," + GOOD_3 + ",,男,土家族,建始县民族中学,初中,初一,否,孤儿,湖北省恩施土家族苗族自治州建始县,演示监护人辛,0718-1234567\r\n"; // 10 good
  }

  ImportReport importGbk(String text) {
    byte[] bytes = text.getBytes(GBK);
    return importer.importFile(StudentImporter.Kind.STUDENTS, new ByteArrayInputStream(bytes), GBK, bytes.length,
        StudentImporter.Progress.NONE);
  }

  @Test
  void gbkRollWithGoodAndBadRowsReportsEachBadRowAndLandsTheGoodOnes() {
    ImportReport report = importGbk(roll());
    Map<Integer, String> bad = report.rejected().stream()
        .collect(Collectors.toMap(ImportReport.Rejected::line, ImportReport.Rejected::reason));
    assertEquals(9, report.rows());
    assertEquals(3, report.imported(), report.toString());
    assertEquals(List.of(4, 5, 6, 7, 8, 9), List.copyOf(bad.keySet()).stream().sorted().toList(), report.toString());
    assertTrue(bad.get(4).contains("校验位错误"), bad.get(4));
    assertTrue(bad.get(5).contains("20100231 不存在"), bad.get(5));
    assertTrue(bad.get(6).contains("未知学段「研究生」"), bad.get(6));
    assertTrue(bad.get(7).contains("未知户籍地「火星市」"), bad.get(7));
    assertTrue(bad.get(8).contains("列数不符"), bad.get(8));
    assertTrue(bad.get(9).contains("无法识别的字符"), bad.get(9));

    StudentProfile yi = repo.findByNationalId(GOOD_2).orElseThrow();
    assertEquals("演示乙", yi.name());
    assertEquals("湖南省岳阳市华容县", yi.region());
    assertEquals(Stage.JUNIOR, yi.stage());
    assertTrue(yi.boarder());
    assertEquals(java.util.Set.of(HouseholdCategory.REGISTERED_POOR, HouseholdCategory.LOW_INCOME), yi.categories());
    assertEquals("G" + GOOD_2, yi.studentNo());
    assertEquals("女", yi.gender());
    StudentProfile xin = repo.findByNationalId(GOOD_3).orElseThrow();
    assertEquals("湖北省恩施土家族苗族自治州建始县", xin.region());
    assertEquals("07181234567", xin.guardianPhone());
    assertEquals(3, repo.countStudents());
  }

  @Test
  void batchesWrittenWhileTheNextIsParsedGiveTheSameReport() {
    StudentImporter small = new StudentImporter(repo, TestStudents.regions(), TestStudents.CLOCK, 2);
    String text = HEADER
        + "演示甲," + GOOD_1 + ",G123,男,汉族,华容县第一小学,小学,三年级,是,,华容县,,\r\n"
        + "演示乙," + GOOD_2 + ",G123,女,汉族,华容县第二中学,初中,初二,是,,华容县,,\r\n" // same 学籍号: refused by the database
        + "演示丙," + TestStudents.withBadCheckDigit(GOOD_3) + ",,男,土家族,建始县民族中学,初中,初一,否,,建始县,,\r\n"
        + "演示辛," + GOOD_3 + ",,男,土家族,建始县民族中学,初中,初一,否,,建始县,,\r\n"
        + "演示丁," + TestStudents.id("430623", "20110707", "005") + ",,男,汉族,某小学,小学,四年级,否,,华容县,,\r\n";
    byte[] bytes = text.getBytes(GBK);
    ImportReport report = small.importFile(StudentImporter.Kind.STUDENTS, new ByteArrayInputStream(bytes), GBK,
        bytes.length, StudentImporter.Progress.NONE);
    assertEquals(5, report.rows());
    assertEquals(3, report.imported(), report.toString());
    assertEquals(List.of(3, 4), report.rejected().stream().map(ImportReport.Rejected::line).toList());
    assertEquals("学籍号已被另一名学生使用", report.rejected().get(0).reason());
    assertEquals(3, repo.countStudents());
  }

  @Test
  void reimportUpdatesByNationalIdInsteadOfDuplicating() {
    importGbk(roll());
    ImportReport again = importGbk(roll().replace("华容县第一小学,小学,三年级", "华容县第一小学,小学,四年级"));
    assertEquals(3, again.imported());
    assertEquals(3, repo.countStudents());
    assertEquals("四年级", repo.findByNationalId(GOOD_1).orElseThrow().grade());
  }

  @Test
  void aStudentNumberTakenByAnotherStudentRejectsOnlyThatRow() {
    String text = HEADER
        + "演示甲," + GOOD_1 + ",G123,男,汉族,华容县第一小学,小学,三年级,是,,华容县,,\r\n"
        + "演示乙," + GOOD_2 + ",G123,女,汉族,华容县第二中学,初中,初二,是,,华容县,,\r\n"
        + "演示辛," + GOOD_3 + ",,男,土家族,建始县民族中学,初中,初一,否,,建始县,,\r\n";
    ImportReport report = importGbk(text);
    assertEquals(2, report.imported(), report.toString());
    assertEquals(List.of(new ImportReport.Rejected(3, "学籍号已被另一名学生使用")), report.rejected());
    assertFalse(repo.findByNationalId(GOOD_2).isPresent());
    assertTrue(repo.findByStudentNo("G123").isPresent());
  }

  @Test
  void gbkFileReadAsUtf8IsRefusedWholeWithAHint() {
    byte[] bytes = roll().getBytes(GBK);
    StudentImportException e = assertThrows(StudentImportException.class, () -> importer.importFile(
        StudentImporter.Kind.STUDENTS, new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, bytes.length,
        StudentImporter.Progress.NONE));
    assertTrue(e.getMessage().contains("--encoding GBK"), e.getMessage());
    assertEquals(0, repo.countStudents());
  }

  @Test
  void missingRequiredColumnRefusesTheFileAndNamesTheColumn() {
    StudentImportException e = assertThrows(StudentImportException.class,
        () -> importGbk("姓名,身份证号,学校,学段\r\n演示甲," + GOOD_1 + ",某小学,小学\r\n"));
    assertTrue(e.getMessage().contains("户籍地"), e.getMessage());
    assertEquals(0, repo.countStudents());
  }

  @Test
  void aidListImportsAndRejectsUnknownStudentsAndBadCells() {
    importGbk(roll());
    String aid = "身份证号,学年,学期,资助项目,金额（元）,状态,日期,备注\r\n"
        + GOOD_1 + ",2026-2027,秋季,寄宿生生活补助,500,已发放,2026-10-15,\r\n" // 2 good
        + GOOD_2 + ",2026—2027学年,秋季,寄宿生生活补助,625,公示,2026-10-20,\r\n" // 3 good
        + TestStudents.id("430623", "20110101", "011") + ",2026-2027,秋季,寄宿生生活补助,500,已发放,,\r\n" // 4 unknown student
        + GOOD_1 + ",2026-2027,秋季,营养餐,abc,已发放,,\r\n" // 5 bad amount
        + GOOD_1 + ",2026-2027,秋季,营养餐,100,快发了,,\r\n" // 6 unknown status
        + GOOD_1 + ",2026-2028,秋季,营养餐,100,已发放,,\r\n"; // 7 bad year
    byte[] bytes = aid.getBytes(GBK);
    ImportReport report = importer.importFile(StudentImporter.Kind.AID, new ByteArrayInputStream(bytes), GBK,
        bytes.length, StudentImporter.Progress.NONE);
    assertEquals(2, report.imported(), report.toString());
    Map<Integer, String> bad = report.rejected().stream()
        .collect(Collectors.toMap(ImportReport.Rejected::line, ImportReport.Rejected::reason));
    assertEquals(List.of(4, 5, 6, 7), bad.keySet().stream().sorted().toList());
    assertTrue(bad.get(4).contains("请先导入学生名单"), bad.get(4));
    assertTrue(bad.get(5).contains("不是数字"), bad.get(5));
    assertTrue(bad.get(6).contains("未知状态"), bad.get(6));
    assertTrue(bad.get(7).contains("学年"), bad.get(7));
    List<AidRecord> records = repo.aidRecords(GOOD_2);
    assertEquals(1, records.size());
    assertEquals(AidStatus.PUBLICIZED, records.get(0).status());
    assertEquals(new BigDecimal("625"), records.get(0).amount());
    assertEquals("2026-2027", records.get(0).schoolYear());
  }
}
