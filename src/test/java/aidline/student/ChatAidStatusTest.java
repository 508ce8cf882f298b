package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.conversation.AidStatusQuestions;
import aidline.conversation.Bot;
import aidline.conversation.ConversationStore;
import aidline.conversation.FakeEngine;
import aidline.conversation.FakeTicketDesk;
import aidline.conversation.InboundMessage;
import aidline.conversation.TicketFormFlow;
import aidline.http.Json;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.values.NationalId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The chat question answered through the real ParentStatusService, on an imported student. */
@ParameterizedClass
@EnumSource(Engine.class)
class ChatAidStatusTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  Database db;
  RecordingAuditLog audit = new RecordingAuditLog();
  Bot bot;

  @BeforeEach
  void setUp() {
    db = dbs.open(engine);
    StudentRepository repo = new StudentRepository(db, TestStudents.CLOCK);
    StudentImporter importer = new StudentImporter(repo, TestStudents.regions(), TestStudents.CLOCK);
    StudentServiceTest.importBytes(importer, StudentImporter.Kind.STUDENTS,
        "姓名,身份证号,学校,学段,年级,是否寄宿,家庭类别,户籍地,监护人,监护人电话\r\n"
            + "演示甲," + StudentServiceTest.STUCK + ",华容县第一小学,小学,五年级,是,建档立卡,华容县,演示家长甲,13800000001\r\n");
    StudentServiceTest.importBytes(importer, StudentImporter.Kind.AID,
        "身份证号,学年,学期,资助项目,金额,状态,日期\r\n"
            + StudentServiceTest.STUCK + ",2026-2027,秋季,寄宿生生活补助,500,已发放,2026-10-15\r\n");
    ParentStatusService service =
        new ParentStatusService(repo, new FixtureEntitlementRules(TestStudents.regions()), audit, TestStudents.CLOCK);
    bot = new Bot(new FakeEngine(), new FakeTicketDesk(), new ConversationStore(db, Json.mapper(), TestStudents.CLOCK),
        new TicketFormFlow(TestStudents.regions()), new ChatAidStatus(service),
        AidStatusQuestions.load(Path.of("knowledge-base", "lexicon.yaml")));
  }

  @AfterEach
  void close() {
    db.close();
  }

  String say(String user, String text) {
    return bot.handle(new InboundMessage("wechat", user, null, text)).text();
  }

  @Test
  void verifiedParentGetsOneLineWithoutPersonalData() {
    say("p", "我家孩子的补助发了吗");
    String masked = say("p", StudentServiceTest.STUCK);
    assertTrue(masked.contains(NationalId.parse(StudentServiceTest.STUCK).masked()), masked);
    String line = say("p", "13800000001");
    assertEquals(1, line.lines().count());
    assertTrue(line.startsWith("已核对身份。本学年（2026-2027）资助情况：寄宿生生活补助 秋季已发放"), line);
    assertFalse(line.contains("演示甲") || line.contains("华容") || line.contains("500") || line.contains(StudentServiceTest.STUCK), line);
    assertEquals("student.parent_status", audit.entries.get(0).action());
  }

  @Test
  void badCheckDigitIsNamedButAnUnknownChildIsNot() {
    say("q", "孩子的生活费到账了吗");
    String bad = say("q", TestStudents.withBadCheckDigit(StudentServiceTest.STUCK));
    assertTrue(bad.contains("校验位"), bad);
    say("q", TestStudents.id("430623", "20150305", "777"));
    String unknown = say("q", "13800000001");
    say("q", "否");
    say("q", "孩子的生活费到账了吗");
    say("q", StudentServiceTest.STUCK);
    String wrongPhone = say("q", "13800000009");
    assertEquals(unknown, wrongPhone, "an unknown child and a wrong phone read the same");
    // both failures are audited, neither as a lookup (issue 15, M1)
    assertEquals(List.of("student.parent_status.failed", "student.parent_status.failed"),
        audit.entries.stream().map(RecordingAuditLog.Entry::action).toList());
  }

  @Test
  void fiveFailuresLockTheChatUser() {
    for (int i = 0; i < ParentStatusService.MAX_FAILURES; i++) {
      say("g", "我家孩子的补助发了吗");
      say("g", StudentServiceTest.STUCK);
      say("g", "1380000000" + (i + 2));
      say("g", "否");
    }
    String locked = say("g", "我家孩子的补助发了吗");
    assertTrue(locked.contains("1小时后再试"), locked);
  }
}
