package aidline.ticket;

import aidline.config.AppConfig;
import aidline.conversation.Notifier;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import java.time.Clock;

/** Builds the work-order service from configuration and owns its writer thread. */
public final class TicketModule implements AutoCloseable {
  /** Writes grouped into one commit at most; bounds the latency one slow group adds. */
  static final int MAX_GROUP = 64;

  private final GroupCommitter writer;
  private final TicketService service;

  private TicketModule(GroupCommitter writer, TicketService service) {
    this.writer = writer;
    this.service = service;
  }

  public static TicketModule create(AppConfig.Tickets cfg, Database db, Regions regions, Notifier notifier, Clock clock) {
    Categories categories = Categories.load(cfg.categoriesPath());
    WorkCalendar calendar = WorkCalendar.load(cfg.holidaysPath());
    GroupCommitter writer = new GroupCommitter(db, MAX_GROUP);
    return new TicketModule(writer, new TicketService(db, writer, categories, calendar, regions, notifier, clock));
  }

  public TicketService service() {
    return service;
  }

  @Override
  public void close() {
    writer.close();
  }
}
