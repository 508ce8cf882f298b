package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.Regions;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.Nodes;
import aidline.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 18: the daily work-order counter is one row in the database, unique across nodes. */
class TicketNodesTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void concurrentCreatesOnTwoNodesGetUniqueNumbersAndEveryAcknowledgedOrderIsStoredOnce(Engine engine) throws Exception {
    Regions regions = Regions.load(Path.of("knowledge-base/regions.yaml"));
    MutableClock clock = new MutableClock(TicketFixtures.NOW, WorkCalendar.ZONE);
    {
      List<TicketService> services = new ArrayList<>();
      for (Database db : Nodes.open(dbs, engine, 2)) {
        services.add(new TicketService(db, TicketFixtures.CATEGORIES, TicketFixtures.CALENDAR, regions, (c, u, t) -> {}, clock));
      }
      int total = 200;
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<String>> acknowledged = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        TicketService node = services.get(i % 2);
        String phone = String.format("139%08d", i);
        acknowledged.add(pool.submit(() -> node.open(TestDesk.hotline(phone, "两个节点并发登记"), "op").ticket().ticketNo()));
      }
      Set<String> numbers = new TreeSet<>();
      for (Future<String> f : acknowledged) {
        numbers.add(f.get());
      }
      pool.shutdown();
      Set<String> expected = IntStream.rangeClosed(1, total).mapToObj(n -> String.format("JY20261123-%04d", n))
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, numbers, "unique, and no number skipped");
      for (TicketService s : services) {
        assertEquals(total, s.list(TicketQuery.all()).total());
        for (String no : numbers) {
          assertEquals(no, s.get(no).ticket().ticketNo());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void chatClaimFailuresOnTwoNodesAreCountedTogether(Engine engine) throws Exception {
    List<Database> nodes = Nodes.open(dbs, engine, 2);
    MutableClock clock = new MutableClock(TicketFixtures.NOW, WorkCalendar.ZONE);
    ChatClaimLimits onA = new ChatClaimLimits(nodes.get(0), clock);
    ChatClaimLimits onB = new ChatClaimLimits(nodes.get(1), clock);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> fails = new ArrayList<>();
    for (int i = 0; i < ChatClaimLimits.PER_USER - 1; i++) {
      ChatClaimLimits node = i % 2 == 0 ? onA : onB;
      fails.add(pool.submit(() -> node.fail("u:wechat:o1", "a:10.0.0.1")));
    }
    for (Future<?> f : fails) {
      f.get();
    }
    pool.shutdown();
    // each failure is an inserted row: none is lost between the nodes
    assertFalse(onA.locked("u:wechat:o1", null));
    onB.fail("u:wechat:o1", null);
    assertTrue(onA.locked("u:wechat:o1", null), "the fifth failure, on the other node, locks here");
    assertTrue(onB.locked("u:wechat:o1", null));
    clock.advance(ChatClaimLimits.WINDOW.plusMinutes(1));
    assertFalse(onA.locked("u:wechat:o1", null));
  }
}
