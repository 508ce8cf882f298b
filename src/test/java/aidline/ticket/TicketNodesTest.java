package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aidline.knowledge.Regions;
import aidline.storage.Database;
import aidline.testing.Engine;
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
    TestDesk.MovableClock clock = new TestDesk.MovableClock(TicketFixtures.NOW);
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
}
