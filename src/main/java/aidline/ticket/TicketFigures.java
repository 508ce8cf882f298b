package aidline.ticket;

import java.util.List;

/**
 * Work-order figures for the dashboard, read by the ticket feature (the console never reads the
 * tables). "Open" means the deadline clock still runs ({@link TicketStatus#clockRunning()}).
 *
 * @param overdueTrend per day, oldest first: orders due that day and how many missed the deadline
 * @param satisfied 回访 answers 满意; {@code dissatisfied} the 不满意 ones
 */
public record TicketFigures(
    long total, long open, long overdueNow, List<Count> byStatus, List<Count> byCategory, List<Count> byRegion,
    List<Day> overdueTrend, long satisfied, long dissatisfied) {

  public record Count(String key, long count) {}

  public record Day(String day, long due, long overdue) {}
}
