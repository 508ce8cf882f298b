package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.conversation.Notifier;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.ticket.TicketModule;
import aidline.ticket.TicketService;
import aidline.ticket.WorkOrderTickets;
import aidline.values.Caller;
import aidline.values.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The port over the real work-order service: a gap becomes a 资助未到账 order that the lookup then lists. */
@ParameterizedClass
@EnumSource(Engine.class)
class WorkOrderTicketsTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  @Test
  void gapOpensAnAidNotReceivedOrderOnceAndTheLookupListsIt() {
    try (Database db = dbs.open(engine)) {
      TicketService tickets = TicketModule.create(new AppConfig.Tickets("tickets/categories.yaml", "tickets/holidays.yaml"),
          db, TestStudents.regions(), Notifier.none(), TestStudents.CLOCK);
      StudentRepository repo = new StudentRepository(db, TestStudents.CLOCK);
      StudentImporter importer = new StudentImporter(repo, TestStudents.regions(), TestStudents.CLOCK);
      String id = StudentServiceTest.STUCK;
      for (var kind : new StudentImporter.Kind[] {StudentImporter.Kind.STUDENTS, StudentImporter.Kind.AID}) {
        String text = kind == StudentImporter.Kind.STUDENTS
            ? "姓名,身份证号,学校,学段,是否寄宿,家庭类别,户籍地,监护人,监护人电话\n演示甲," + id + ",华容县第一小学,小学,是,建档立卡,华容县,演示家长甲,13800000001\n"
            : "身份证号,学年,学期,资助项目,金额,状态,日期\n" + id + ",2026-2027,秋季,寄宿生生活补助,500,公示,2026-10-15\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        importer.importFile(kind, new ByteArrayInputStream(b), StandardCharsets.UTF_8, b.length, StudentImporter.Progress.NONE);
      }
      StudentService service = new StudentService(repo, new FixtureEntitlementRules(TestStudents.regions()),
          new WorkOrderTickets(() -> tickets, TestStudents.CLOCK), new RecordingAuditLog(), TestStudents.regions(),
          TestStudents.CLOCK);
      Caller staff = new Caller("zhang", Role.STAFF);
      String ticketNo = service.openAidTicket(id, staff);
      assertEquals(ticketNo, service.openAidTicket(id, staff), "the open order is reused, not duplicated");
      StudentView v = service.lookup(id, staff);
      assertEquals(1, v.tickets().size());
      StudentTickets.TicketSummary t = v.tickets().get(0);
      assertEquals(ticketNo, t.ticketNo());
      assertEquals("aid_not_received", t.category());
      assertEquals("received", t.status());
      var detail = tickets.get(ticketNo);
      assertTrue(detail.toString().contains("寄宿生生活补助"), detail.toString());
      assertTrue(detail.toString().contains("湖南省岳阳市华容县"), detail.toString());
    }
  }
}
