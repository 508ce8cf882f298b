package aidline.ticket;

/**
 * List filters; null means "any". {@code region} matches the region and everything under it;
 * {@code q} searches number, caller, phone, student id and description.
 */
public record TicketQuery(
    TicketStatus status,
    boolean overdueOnly,
    String category,
    String region,
    String department,
    String assignee,
    String q,
    int page,
    int size) {
  public static final int MAX_SIZE = 200;

  public static TicketQuery all() {
    return new TicketQuery(null, false, null, null, null, null, null, 1, MAX_SIZE);
  }

  int offset() {
    return (page - 1) * size;
  }
}
