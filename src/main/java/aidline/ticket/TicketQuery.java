package aidline.ticket;

import java.util.Set;

/**
 * List filters; null (or an empty status set) means "any". {@code region} matches the region and everything under it;
 * {@code q} searches number, caller, phone, student id and description;
 * {@code byDeadline} orders by 办理时限, the most urgent first, instead of newest first.
 */
public record TicketQuery(
    Set<TicketStatus> statuses,
    boolean overdueOnly,
    String category,
    String region,
    String department,
    String assignee,
    String q,
    int page,
    int size,
    boolean byDeadline) {
  public static final int MAX_SIZE = 200;

  /** Newest first (the default order). */
  public TicketQuery(Set<TicketStatus> statuses, boolean overdueOnly, String category, String region, String department,
      String assignee, String q, int page, int size) {
    this(statuses, overdueOnly, category, region, department, assignee, q, page, size, false);
  }

  public static TicketQuery all() {
    return new TicketQuery(Set.of(), false, null, null, null, null, null, 1, MAX_SIZE);
  }

  /** One status, or any when null. */
  public static Set<TicketStatus> only(TicketStatus s) {
    return s == null ? Set.of() : Set.of(s);
  }

  int offset() {
    return (page - 1) * size;
  }
}
