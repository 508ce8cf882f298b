package aidline.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.conversation.Notifier;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.ticket.Ticket;
import aidline.ticket.TicketModule;
import aidline.ticket.TicketQuery;
import aidline.ticket.TicketService;
import aidline.ticket.TicketStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo's month of orders gives the dashboard every category, several regions and statuses, and a real trend. */
@ParameterizedClass
@EnumSource(Engine.class)
class TicketDemoTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

  @Test
  void aMonthOfOrdersOverCategoriesRegionsAndStatuses(@TempDir Path dir) {
    Clock clock = Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));
    Regions regions = Regions.load(Path.of("knowledge-base/regions.yaml"));
    try (Database db = dbs.open(engine)) {
      AppConfig.Tickets cfg = new AppConfig.Tickets("tickets/categories.yaml", "tickets/holidays.yaml");
      TicketDemo.MovableClock at = new TicketDemo.MovableClock(NOW, clock.getZone());
      List<String> nos = new TicketDemo(TicketModule.create(cfg, db, regions, Notifier.none(), at), at, regions, clock).seed(7L);
      TicketService view = TicketModule.create(cfg, db, regions, Notifier.none(), clock);
      List<Ticket> all = view.list(TicketQuery.all()).items();
      assertEquals(nos.size(), all.size());
      assertTrue(all.size() >= 60, "two to five a day: " + all.size());
      assertEquals(view.categories().all().size(), all.stream().map(Ticket::category).distinct().count(), "every category");
      assertTrue(all.stream().map(Ticket::region).distinct().count() >= 5, "several regions");
      Set<TicketStatus> statuses = all.stream().map(Ticket::status).collect(Collectors.toSet());
      assertTrue(statuses.containsAll(Set.of(TicketStatus.CLOSED, TicketStatus.RESOLVED, TicketStatus.CANCELLED, TicketStatus.IN_PROGRESS,
          TicketStatus.RECEIVED)), statuses.toString());
      assertTrue(all.stream().anyMatch(t -> "dissatisfied".equals(t.satisfaction())), "some call-backs were not satisfied");
      assertTrue(all.stream().anyMatch(t -> t.overdueAt(NOW)), "some open orders are overdue");
      Instant oldest = all.stream().map(Ticket::createdAt).min(Instant::compareTo).orElseThrow();
      assertTrue(oldest.isBefore(NOW.minus(Duration.ofDays(28))), "spread over 30 days: " + oldest);
      assertTrue(all.stream().noneMatch(t -> t.updatedAt().isAfter(NOW)), "nothing happens in the future");
    }
  }
}
