package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
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
class ParentStatusServiceTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  Database db;
  RecordingAuditLog audit = new RecordingAuditLog();
  AtomicReference<Instant> now = new AtomicReference<>(TestStudents.CLOCK.instant());
  ParentStatusService service;

  /** A clock the test moves forward, to see the lock expire. */
  Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return TestStudents.CLOCK.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @BeforeEach
  void setUp() {
    db = dbs.open(engine);
    StudentRepository repo = new StudentRepository(db, TestStudents.CLOCK);
    StudentImporter importer = new StudentImporter(repo, TestStudents.regions(), TestStudents.CLOCK);
    String roll = "姓名,身份证号,学校,学段,年级,是否寄宿,家庭类别,户籍地,监护人,监护人电话\r\n"
        + "演示甲," + StudentServiceTest.STUCK + ",华容县第一小学,小学,五年级,是,建档立卡,华容县,演示家长甲,13800000001\r\n"
        + "演示乙," + StudentServiceTest.MISSING + ",华容县第二中学,初中,初二,是,建档立卡,华容县,演示家长乙,\r\n";
    String aid = "身份证号,学年,学期,资助项目,金额,状态,日期\r\n"
        + StudentServiceTest.STUCK + ",2026-2027,秋季,寄宿生生活补助,500,已发放,2026-10-15\r\n"
        + StudentServiceTest.STUCK + ",2026-2027,春季,寄宿生生活补助,500,公示,2026-11-02\r\n";
    StudentServiceTest.importBytes(importer, StudentImporter.Kind.STUDENTS, roll);
    StudentServiceTest.importBytes(importer, StudentImporter.Kind.AID, aid);
    service = new ParentStatusService(repo, new FixtureEntitlementRules(TestStudents.regions()), audit, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void matchingIdAndPhoneGetOneLineOfStatusesWithoutPersonalData() {
    ParentStatusService.Reply r = service.status("wechat:u1", StudentServiceTest.STUCK, "138 0000 0001");
    assertTrue(r.verified());
    assertEquals("已核对身份。本学年（2026-2027）资助情况：寄宿生生活补助 秋季已发放、春季停在「公示」环节。如有疑问可以回复「人工」登记工单。", r.text());
    assertEquals(1, r.text().lines().count());
    assertFalse(r.text().contains("演示甲") || r.text().contains("华容") || r.text().contains("500"), r.text());
    assertEquals("student.parent_status", audit.entries.get(0).action());
  }

  @Test
  void wrongPhoneUnknownChildAndMalformedIdAllGetTheSameAnswer() {
    String wrongPhone = service.status("u", StudentServiceTest.STUCK, "13800000009").text();
    String unknownChild = service.status("u", TestStudents.id("430623", "20150305", "777"), "13800000001").text();
    String badId = service.status("u", "123", "13800000001").text();
    String noPhoneOnRecord = service.status("u", StudentServiceTest.MISSING, "").text();
    assertEquals(ParentStatusService.NOT_VERIFIED, wrongPhone);
    assertEquals(wrongPhone, unknownChild);
    assertEquals(wrongPhone, badId);
    assertEquals(wrongPhone, noPhoneOnRecord);
    // every failed check is audited (issue 15, M1)
    assertEquals(4, audit.entries.stream().filter(e -> e.action().equals("student.parent_status.failed")).count());
  }

  @Test
  void fiveFailuresLockTheChatUserForAnHourEvenWithTheRightAnswer() {
    for (int i = 0; i < ParentStatusService.MAX_FAILURES; i++) {
      assertFalse(service.status("wechat:guesser", StudentServiceTest.STUCK, "1380000000" + (i + 2)).verified());
    }
    ParentStatusService.Reply locked = service.status("wechat:guesser", StudentServiceTest.STUCK, "13800000001");
    assertFalse(locked.verified());
    assertEquals(ParentStatusService.LOCKED, locked.text());
    assertTrue(locked.offerTicket());
    // the student ID is locked too: a fresh chat user id does not start over (issue 15, M1)
    assertEquals(ParentStatusService.LOCKED, service.status("wechat:other", StudentServiceTest.STUCK, "13800000001").text());
    now.set(now.get().plus(Duration.ofMinutes(61)));
    assertTrue(service.status("wechat:guesser", StudentServiceTest.STUCK, "13800000001").verified());
  }

  /** Issue 15, M1: the lock is per student ID and per source, survives a restart, and is audited. */
  @Test
  void manyChatIdsFromOneAddressOrForOneChildAreLockedAndARestartDoesNotReset() {
    for (int i = 0; i < ParentStatusService.MAX_FAILURES_PER_SOURCE; i++) {
      service.status("web:fresh-" + i, "203.0.113.5", TestStudents.id("430623", "20150305", String.format("%03d", 700 + i)), "13800000009");
    }
    // the address is used up, whatever chat user id it claims next
    assertTrue(service.locked("web:brand-new", "203.0.113.5"));
    assertEquals(ParentStatusService.LOCKED,
        service.status("web:brand-new", "203.0.113.5", StudentServiceTest.STUCK, "13800000001").text());
    // a restart (a new service over the same database) remembers it
    ParentStatusService again = new ParentStatusService(new StudentRepository(db, TestStudents.CLOCK),
        new FixtureEntitlementRules(TestStudents.regions()), audit, clock);
    assertTrue(again.locked("web:another", "203.0.113.5"));
    assertTrue(audit.entries.stream().anyMatch(e -> e.action().equals("student.parent_status.locked")));
    // another address and another child are fine
    assertTrue(again.status("web:x", "198.51.100.7", StudentServiceTest.STUCK, "13800000001").verified());
  }
}
