package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.app.Application;
import aidline.config.AppConfig;
import aidline.config.ConfigException;
import aidline.config.ConfigLoader;
import aidline.conversation.TicketDesk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work-order objects as Application wires them from configuration. */
class TicketWiringTest {
  @TempDir Path dir;

  private AppConfig config(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("AIDLINE_DB", dir.resolve("w.db").toString(), "AIDLINE_PORT", "0"));
    env.putAll(extra);
    return new ConfigLoader().load(null, env);
  }

  @Test
  void holidaysFileComesFromConfigAndTheDeskOpensOrders() throws Exception {
    Path holidays = dir.resolve("h.yaml");
    Files.writeString(holidays, "holidays:\n  - 2026-11-24\n"); // a made-up holiday: Tuesday
    AppConfig cfg = config(Map.of("AIDLINE_TICKET_HOLIDAYS", holidays.toString()));
    assertEquals(holidays.toString(), cfg.tickets().holidays());
    try (Application app = new Application(cfg, TicketFixtures.clock())) {
      TicketDesk desk = app.ticketDesk();
      TicketDesk.ChatTicket t = desk.open(new TicketDesk.ChatTicketRequest("wechat", "u1", null, "13812345678", "岳阳", null, "政策咨询", "问政策"));
      // 3 working days from Monday 11-23, skipping the configured Tuesday: Wed, Thu, Fri
      assertEquals("2026-11-27 10:00", t.dueAt());
      assertEquals(t.ticketNo(), desk.findMine(t.ticketNo().toLowerCase(), "wechat", "u1").orElseThrow().ticketNo());
    }
  }

  @Test
  void missingCategoriesFileIsAConfigurationError() {
    AppConfig cfg = config(Map.of("AIDLINE_TICKET_CATEGORIES", dir.resolve("nope.yaml").toString()));
    try (Application app = new Application(cfg, TicketFixtures.clock())) {
      ConfigException e = assertThrows(ConfigException.class, app::tickets);
      assertTrue(e.getMessage().contains("tickets") && e.getMessage().contains("nope.yaml"), e.getMessage());
    }
  }
}
