package aidline.ticket;

import aidline.conversation.Notifier;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import aidline.testing.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A real service on a fresh database (TestDatabases), with a clock the test moves and a recording notifier. */
final class TestDesk implements AutoCloseable {
  final Database db;
  final MutableClock clock = new MutableClock(TicketFixtures.NOW, WorkCalendar.ZONE);
  final List<String> notices = Collections.synchronizedList(new ArrayList<>());
  final TicketService service;

  TestDesk(Database db) {
    this(db, null);
  }

  /** @param notifier null records every notice in {@link #notices} */
  TestDesk(Database db, Notifier notifier) {
    this.db = db;
    Notifier n = notifier != null ? notifier : (channel, user, text) -> notices.add(channel + "|" + user + "|" + text);
    service = new TicketService(
        db, TicketFixtures.CATEGORIES, TicketFixtures.CALENDAR, Regions.load(Path.of("knowledge-base/regions.yaml")), n, clock);
  }

  static NewTicket hotline(String phone, String description) {
    return new NewTicket("hotline", "王芳", phone, null, "岳阳", null, "政策咨询", description);
  }

  @Override
  public void close() {
    db.close();
  }
}
