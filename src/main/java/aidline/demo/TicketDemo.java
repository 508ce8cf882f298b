package aidline.demo;

import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.ticket.Category;
import aidline.ticket.Command;
import aidline.ticket.Command.Action;
import aidline.ticket.NewTicket;
import aidline.ticket.Ticket;
import aidline.ticket.TicketService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.time.ZoneId;

/**
 * Work orders for the dashboard to say something: spread over the last 30 days, every category,
 * up to ten counties, and every status — closed satisfied, reopened after a dissatisfied call-back,
 * waiting for call-back, cancelled, and still open (the older of which are overdue). Each order is
 * opened and worked through a service whose clock is moved to that moment, so the history reads true.
 */
public final class TicketDemo {
  public static final int DAYS = 30;
  private static final String OPERATOR = "演示接线员";

  /** A clock the demo moves through the past month; only the demo's own service reads it. */
  public static final class MovableClock extends Clock {
    private final ZoneId zone;
    private Instant now;

    public MovableClock(Instant now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    void set(Instant at) {
      now = at;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
      return new MovableClock(now, z);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TicketService service;
  private final MovableClock at;
  private final Regions regions;
  private final Clock clock;

  /** @param service a work-order service on the real database whose clock is {@code at} */
  public TicketDemo(TicketService service, MovableClock at, Regions regions, Clock clock) {
    this.service = service;
    this.at = at;
    this.regions = regions;
    this.clock = clock;
  }

  /** Opens and works about four orders a day; returns their numbers. */
  public List<String> seed(long seed) {
    Random rnd = new Random(seed);
    List<String> counties = regions.all().stream().filter(r -> r.level() >= 3).map(Region::path).sorted().limit(10).toList();
    if (counties.isEmpty()) {
      counties = regions.all().stream().map(Region::path).sorted().limit(10).toList();
    }
    List<String> out = new ArrayList<>();
    Instant now = clock.instant();
    int n = 0;
    for (int day = DAYS - 1; day >= 0; day--) {
      int perDay = 2 + rnd.nextInt(4);
      for (int i = 0; i < perDay; i++, n++) {
        Instant opened = now.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(30L + rnd.nextInt(300)));
        at.set(opened);
        List<Category> cats = service.categories().all();
        Category c = cats.get(rnd.nextInt(cats.size()));
        String region = counties.isEmpty() ? "" : counties.get(rnd.nextInt(counties.size()));
        NewTicket req = new NewTicket("hotline", "演示来电人" + (n + 1), String.format("1370000%04d", n % 10_000), null,
            region, null, c.code(), "演示：" + c.name() + "相关来电（第 " + (n + 1) + " 单）");
        Ticket t = service.open(req, OPERATOR).ticket();
        out.add(t.ticketNo());
        work(t.ticketNo(), day, opened, rnd);
      }
    }
    return out;
  }

  /** How far an order got: older ones mostly finished, recent ones mostly still in hand. */
  private void work(String no, int ageDays, Instant openedAt, Random rnd) {
    int roll = rnd.nextInt(100);
    if (roll < 5) {
      step(no, openedAt, 1, Command.of(Action.CANCEL, OPERATOR).withNote("来电人撤回"));
      return;
    }
    int target = ageDays >= 7 ? (roll < 60 ? 6 : roll < 72 ? 7 : roll < 82 ? 5 : 1 + rnd.nextInt(4)) : rnd.nextInt(ageDays >= 3 ? 6 : 4);
    if (target >= 1) {
      step(no, openedAt, 1, Command.of(Action.DISPATCH, OPERATOR));
    }
    if (target >= 2) {
      step(no, openedAt, 2, Command.of(Action.ACCEPT, "县资助中心"));
    }
    if (target >= 3) {
      step(no, openedAt, 3, Command.of(Action.START, "县资助中心"));
    }
    long doneHours = Math.max(4, Math.min(ageDays * 24L - 2, 24L * (1 + rnd.nextInt(6))));
    if (target >= 5) {
      step(no, openedAt, doneHours, Command.of(Action.RESOLVE, "县资助中心").withNote("已核实并处理，已电话告知来电人"));
    }
    if (target == 6) {
      step(no, openedAt, doneHours + 1, new Command(Action.CALLBACK, OPERATOR, null, null, null, true, null, "满意"));
    } else if (target == 7) {
      step(no, openedAt, doneHours + 1, new Command(Action.CALLBACK, OPERATOR, null, null, null, false, null, "仍未到账"));
    }
  }

  private void step(String no, Instant openedAt, long afterHours, Command cmd) {
    Instant when = openedAt.plus(Duration.ofHours(afterHours));
    at.set(when.isAfter(clock.instant()) ? clock.instant() : when);
    service.act(no, cmd);
  }
}
