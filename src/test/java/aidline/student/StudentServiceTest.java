package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.security.AuditLog;
import aidline.storage.Database;
import aidline.storage.StorageException;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.values.Caller;
import aidline.values.InvalidNationalIdException;
import aidline.values.Role;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Import a GBK roll and aid list, then look students up: entitlements with citations, and the planted gaps. */
@ParameterizedClass
@EnumSource(Engine.class)
class StudentServiceTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  static final Charset GBK = Charset.forName("GBK");
  static final Caller STAFF = new Caller("zhang", Role.STAFF);
  // 华容 boarder, 建档立卡, primary: entitled to 1000; autumn paid, spring stuck in 公示 → gap
  static final String STUCK = TestStudents.id("430623", "20150305", "001");
  // 华容 boarder, 建档立卡, junior: entitled to 1250; nothing on record → gap
  static final String MISSING = TestStudents.id("430623", "20120611", "002");
  // 岳阳县 boarder, 建档立卡, primary, paid for the whole year → no gap
  static final String PAID = TestStudents.id("430621", "20140120", "013");
  // 建始 (not under 岳阳): no entitlement from the fixture → no gap
  static final String ELSEWHERE = TestStudents.id("422822", "20100120", "015");

  @TempDir Path dir;
  Database db;
  StudentRepository repo;
  RecordingTickets tickets = new RecordingTickets();
  LookupAudit audit;
  StudentService service;

  @BeforeEach
  void setUp() {
    db = dbs.open(engine);
    repo = new StudentRepository(db, TestStudents.CLOCK);
    audit = LookupAudit.of(new AuditLog(db, TestStudents.CLOCK));
    service = new StudentService(repo, new FixtureEntitlementRules(TestStudents.regions()), tickets, audit,
        TestStudents.regions(), TestStudents.CLOCK);
    StudentImporter importer = new StudentImporter(repo, TestStudents.regions(), TestStudents.CLOCK);
    String roll = "姓名,身份证号,学校,学段,年级,是否寄宿,家庭类别,户籍地,监护人,监护人电话\r\n"
        + "演示甲," + STUCK + ",华容县第一小学,小学,五年级,是,建档立卡,华容县,演示家长甲,13800000001\r\n"
        + "演示乙," + MISSING + ",华容县第二中学,初中,初二,是,建档立卡,华容县,演示家长乙,13800000002\r\n"
        + "演示丙," + PAID + ",岳阳县一中,小学,三年级,是,建档立卡,岳阳县,演示家长丙,13800000003\r\n"
        + "演示丁," + ELSEWHERE + ",建始县民族中学,初中,初三,是,建档立卡,建始县,演示家长丁,13800000004\r\n";
    String aid = "身份证号,学年,学期,资助项目,金额,状态,日期\r\n"
        + STUCK + ",2026-2027,秋季,寄宿生生活补助,500,已发放,2026-10-15\r\n"
        + STUCK + ",2026-2027,春季,寄宿生生活补助,500,公示,2026-11-02\r\n"
        + PAID + ",2026-2027,全年,寄宿生生活补助,1000,已发放,2026-10-20\r\n"
        + MISSING + ",2025-2026,全年,寄宿生生活补助,1250,已发放,2025-10-20\r\n";
    importBytes(importer, StudentImporter.Kind.STUDENTS, roll);
    importBytes(importer, StudentImporter.Kind.AID, aid);
  }

  static void importBytes(StudentImporter importer, StudentImporter.Kind kind, String text) {
    byte[] b = text.getBytes(GBK);
    ImportReport r = importer.importFile(kind, new ByteArrayInputStream(b), GBK, b.length, StudentImporter.Progress.NONE);
    assertEquals(0, r.rejectedCount(), r.toString());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void lookupShowsEntitlementsWithCitationsAndThePlantedGap() {
    StudentView v = service.lookup(STUCK, STAFF);
    assertEquals("2026-2027", v.schoolYear());
    assertEquals(1, v.entitlements().size());
    Entitlement e = v.entitlements().get(0);
    assertEquals("寄宿生生活补助", e.item());
    assertEquals(new BigDecimal("1000"), e.amount());
    assertEquals("岳教体办通〔2016〕17号", e.citation().docNumber());
    assertTrue(e.citation().quote().contains("小学1000元"));
    assertEquals(1, v.gaps().size());
    StudentView.GapView gap = v.gaps().get(0);
    assertEquals("公示", gap.step());
    assertEquals("春季停在「公示」环节（2026-11-02 起），尚未发放", gap.reason());
    assertEquals(e.citation(), gap.citation());
    assertEquals(2, v.aid().size());
  }

  @Test
  void entitledStudentWithNoRecordThisYearHasAGapButLastYearsPaymentDoesNotCount() {
    StudentView v = service.lookup("G" + MISSING, STAFF);
    assertEquals(1, v.gaps().size());
    assertNull(v.gaps().get(0).step());
    assertEquals(new BigDecimal("1250"), v.gaps().get(0).amount());
  }

  @Test
  void paidAndUncoveredStudentsHaveNoGaps() {
    assertEquals(List.of(), service.lookup(PAID, STAFF).gaps());
    StudentView elsewhere = service.lookup(ELSEWHERE, STAFF);
    assertEquals(List.of(), elsewhere.entitlements());
    assertEquals(List.of(), elsewhere.gaps());
  }

  @Test
  void staffSeeMaskedNumbersAndAdminSeesThemWhole() {
    StudentView.Card staff = service.lookup(STUCK, STAFF).student();
    assertEquals(STUCK.substring(0, 6) + "********" + STUCK.substring(14), staff.nationalId());
    assertEquals("138****0001", staff.guardianPhone());
    assertEquals("G" + staff.nationalId(), staff.studentNo());
    assertNull(staff.birthDate());
    StudentView.Card admin = service.lookup(STUCK, new Caller("root", Role.ADMIN)).student();
    assertEquals(STUCK, admin.nationalId());
    assertEquals("13800000001", admin.guardianPhone());
  }

  @Test
  void aLookupWhoseAuditRowCannotBeCommittedShowsNothing() {
    LookupAudit failing = new LookupAudit() {
      @Override
      public void record(String actor, Role role, String action, String subject) {}

      @Override
      public Pending begin(String actor, Role role, String action, String subject) {
        return () -> {
          throw new StorageException("数据库操作失败: disk full", null);
        };
      }
    };
    StudentService s = new StudentService(repo, new FixtureEntitlementRules(TestStudents.regions()), tickets, failing,
        TestStudents.regions(), TestStudents.CLOCK);
    assertThrows(StorageException.class, () -> s.lookup(STUCK, STAFF));
  }

  @Test
  void everyLookupIsAuditedFoundOrNot() throws Exception {
    service.lookup(STUCK, STAFF);
    String unknown = TestStudents.id("430623", "20150305", "999");
    assertThrows(StudentNotFoundException.class, () -> service.lookup(unknown, STAFF));
    List<String> rows = db.withConnection(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT actor, detail, action, target FROM audit_log ORDER BY id")) {
        List<String> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
        }
        return out;
      }
    });
    assertEquals(List.of("zhang|role=STAFF|student.lookup|" + STUCK, "zhang|role=STAFF|student.lookup.miss|" + unknown), rows);
    // append-only: the table refuses updates
    assertThrows(RuntimeException.class, () -> db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM audit_log")));
  }

  @Test
  void invalidKeysAreRefusedWithAChineseReasonBeforeAnyQuery() {
    InvalidNationalIdException e =
        assertThrows(InvalidNationalIdException.class, () -> service.lookup(TestStudents.withBadCheckDigit(STUCK), STAFF));
    assertTrue(e.getMessage().contains("校验位"), e.getMessage());
    assertThrows(InvalidNationalIdException.class, () -> service.lookup("12345", STAFF));
    assertThrows(InvalidNationalIdException.class, () -> service.lookup("张三", STAFF));
  }

  @Test
  void gapReportListsOnlyStudentsWithGapsAndFiltersByRegionAndStage() {
    StudentService.GapReport all = service.gapReport(new StudentService.GapQuery("岳阳", null, null, 0));
    assertEquals(List.of(STUCK, MISSING),
        all.rows().stream().map(r -> r.student().nationalId()).toList());
    StudentService.GapReport juniors = service.gapReport(new StudentService.GapQuery("华容", null, "初中", 0));
    assertEquals(List.of(MISSING), juniors.rows().stream().map(r -> r.student().nationalId()).toList());
    StudentService.GapReport one = service.gapReport(new StudentService.GapQuery(null, null, null, 1));
    assertEquals(1, one.rows().size());
    assertTrue(one.truncated());
    assertThrows(BadStudentQueryException.class, () -> service.gapReport(new StudentService.GapQuery("火星", null, null, 0)));
  }

  @Test
  void openingWorkOrdersForTheReportOpensOnePerStudentWithGaps() {
    List<StudentService.OpenedTicket> opened = service.openAidTickets(new StudentService.GapQuery("岳阳", null, null, 0), STAFF);
    assertEquals(2, opened.size());
    assertEquals(2, tickets.opened.size());
    StudentTickets.AidNotReceived first = tickets.opened.stream().filter(t -> t.nationalId().equals(STUCK)).findFirst().orElseThrow();
    assertTrue(first.description().contains("寄宿生生活补助（春季停在「公示」环节"), first.description());
    assertEquals("13800000001", first.guardianPhone());
    assertEquals(1, service.lookup(STUCK, STAFF).tickets().size());
    assertThrows(BadStudentQueryException.class, () -> service.openAidTicket(PAID, STAFF));
  }
}
