package aidline.ticket;

import aidline.config.AppConfig;
import aidline.conversation.Notifier;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import java.time.Clock;

/** Builds the work-order service from configuration (categories, holidays). */
public final class TicketModule {
  private TicketModule() {}

  public static TicketService create(AppConfig.Tickets cfg, Database db, Regions regions, Notifier notifier, Clock clock) {
    Categories categories = Categories.load(cfg.categoriesPath());
    WorkCalendar calendar = WorkCalendar.load(cfg.holidaysPath());
    return new TicketService(db, categories, calendar, regions, notifier, clock);
  }
}
