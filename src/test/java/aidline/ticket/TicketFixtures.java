package aidline.ticket;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;

/** Shared test data: the real categories and 2026 holiday files, a fixed clock, a sample order. */
final class TicketFixtures {
  /** Monday 2026-11-23 10:00 Beijing time. */
  static final Instant NOW = ZonedDateTime.parse("2026-11-23T10:00:00+08:00[Asia/Shanghai]").toInstant();
  static final Categories CATEGORIES = Categories.load(Path.of("tickets/categories.yaml"));
  static final WorkCalendar CALENDAR = WorkCalendar.load(Path.of("tickets/holidays.yaml"));
  static final String STUDENT = "430623201203151238";

  private TicketFixtures() {}

  static Clock clock() {
    return Clock.fixed(NOW, WorkCalendar.ZONE);
  }

  static Ticket ticket(TicketStatus status) {
    return new Ticket(
        "JY20261123-0001", "wechat", "张三", "13812345678", "u1", "湖南省岳阳市华容县", STUDENT, "aid_not_received", "high",
        "寄宿生生活补助还没到账", status == TicketStatus.RECEIVED ? null : "县级学生资助管理中心",
        status == TicketStatus.RECEIVED || status == TicketStatus.DISPATCHED ? null : "李四", status,
        status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED ? "已核实，补助已于11月发放" : null, null, 0, 0, null,
        ZonedDateTime.parse("2026-11-30T10:00:00+08:00[Asia/Shanghai]").toInstant(), NOW, NOW, 3);
  }
}
