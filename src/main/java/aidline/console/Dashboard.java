package aidline.console;

import aidline.conversation.UnansweredQuestions;
import aidline.ticket.TicketFigures;
import aidline.ticket.TicketService;
import java.util.List;

/**
 * The figures behind the console's dashboard, asked of the features that own them (work orders,
 * unanswered chat questions); the console reads no table itself.
 */
public final class Dashboard {
  private final TicketService tickets;
  private final UnansweredQuestions unanswered;

  public Dashboard(TicketService tickets, UnansweredQuestions unanswered) {
    this.tickets = tickets;
    this.unanswered = unanswered;
  }

  /** The JSON of {@code /api/reports/dashboard}; fields are only ever added. */
  public record Figures(
      long total, long open, long overdueNow, List<TicketFigures.Count> byStatus, List<TicketFigures.Count> byCategory,
      List<TicketFigures.Count> byRegion, List<TicketFigures.Day> overdueTrend, Double satisfactionRate, long satisfied,
      long dissatisfied, List<UnansweredQuestions.Question> unanswered) {}

  public Figures figures(int days) {
    TicketFigures t = tickets.figures(days);
    long sat = t.satisfied();
    long dis = t.dissatisfied();
    return new Figures(t.total(), t.open(), t.overdueNow(), t.byStatus(), t.byCategory(), t.byRegion(), t.overdueTrend(),
        sat + dis == 0 ? null : (double) sat / (sat + dis), sat, dis, unanswered.top(20));
  }
}
