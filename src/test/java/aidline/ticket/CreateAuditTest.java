package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aidline.config.AppConfig;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.security.AuditLog;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A create's audit row is written in the order's own transaction: both or neither. */
@ParameterizedClass
@EnumSource(Engine.class)
class CreateAuditTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  TestDesk desk;

  @BeforeEach
  void open() {
    desk = new TestDesk(dbs.open(engine));
  }

  @AfterEach
  void close() {
    desk.close();
  }

  private Javalin server(TicketAudit audit) {
    return HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
        new Health(desk.db::reachable, () -> 0, "test"), List.of(new TicketRoutes(desk.service, Json.mapper(), audit)));
  }

  private long count(String sql) {
    return desk.db.withConnection(c -> {
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void theCreateAndItsAuditRowCommitInOneGroupAndADuplicateAddsNone() {
    long commitsBefore = desk.db.writeStats().commits();
    JavalinTest.test(server(TicketAudit.of(new AuditLog(desk.db, desk.clock))), (server, client) -> {
      assertEquals(201, client.post("/api/tickets", TicketRoutesTest.CREATE).code());
      assertEquals(1, desk.db.writeStats().commits() - commitsBefore, "one commit for the order and its audit row");
      assertEquals(200, client.post("/api/tickets", TicketRoutesTest.CREATE).code());
    });
    assertEquals(1, count("SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.create' AND target = 'JY20261123-0001'"));
    assertEquals(1, count("SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.create'"));
  }

  @Test
  void anAuditRowThatFailsUndoesTheOrder() {
    TicketAudit failing = new TicketAudit() {
      @Override
      public void record(String actor, String action, String target, String detail, String ip) {}

      @Override
      public Database.SqlWork<Integer> row(String actor, String action, String target, String detail, String ip) {
        return c -> {
          throw new SQLException("disk full");
        };
      }
    };
    JavalinTest.test(server(failing), (server, client) -> {
      assertEquals(500, client.post("/api/tickets", TicketRoutesTest.CREATE).code());
    });
    assertEquals(0, count("SELECT COUNT(*) FROM ticket"));
    assertEquals(0, count("SELECT COUNT(*) FROM ticket_event"));
  }
}
