package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.ticket.Command.Action;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The dashboard's work-order figures, read by the ticket feature on a real SQLite file. */
@ParameterizedClass
@EnumSource(Engine.class)
class TicketFiguresTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  TestDesk desk;

  @BeforeEach
  void open() {
    desk = new TestDesk(dbs.open(engine));
  }

  @AfterEach
  void close() {
    desk.close();
  }

  String open(String phone) {
    return desk.service.open(TestDesk.hotline(phone, "问寄宿生补助标准"), "op").ticket().ticketNo();
  }

  void resolve(String no) {
    desk.service.act(no, Command.of(Action.DISPATCH, "op"));
    desk.service.act(no, Command.of(Action.ACCEPT, "op"));
    desk.service.act(no, Command.of(Action.START, "op"));
    desk.service.act(no, Command.of(Action.RESOLVE, "op").withNote("已答复"));
  }

  @Test
  void openMeansTheDeadlineClockRunsAndCallbacksCountAsSatisfaction() {
    String waiting = open("13800000001");
    String resolved = open("13800000002");
    String happy = open("13800000003");
    String unhappy = open("13800000004");
    String cancelled = open("13800000005");
    resolve(resolved);
    resolve(happy);
    resolve(unhappy);
    desk.service.act(happy, new Command(Action.CALLBACK, "op", null, null, null, true, null, null));
    desk.service.act(unhappy, new Command(Action.CALLBACK, "op", null, null, null, false, null, null));
    desk.service.act(cancelled, Command.of(Action.CANCEL, "op").withNote("重复"));

    TicketFigures f = desk.service.figures(14);
    assertEquals(5, f.total());
    assertEquals(2, f.open(), "received and the reopened one; resolved, closed and cancelled orders are not");
    assertEquals(0, f.overdueNow());
    assertEquals(1, f.satisfied());
    assertEquals(1, f.dissatisfied());
    assertEquals(14, f.overdueTrend().size());
    assertEquals(5, f.byStatus().stream().mapToLong(TicketFigures.Count::count).sum());

    desk.clock.advance(Duration.ofDays(30));
    assertEquals(2, desk.service.figures(14).overdueNow(), "the waiting and the reopened order are past their deadline");
    assertEquals(waiting, desk.service.get(waiting).ticket().ticketNo());
  }
}
