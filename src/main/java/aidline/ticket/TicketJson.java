package aidline.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The wire form of an order. Times are ISO-8601 in Beijing time; {@code overdue} is computed at
 * the moment of the response. Lists show the phone masked; the single-order view shows it whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketJson(
    String ticketNo,
    String channel,
    String callerName,
    String callerPhone,
    String region,
    String studentId,
    String category,
    String categoryName,
    String priority,
    String description,
    String department,
    String assignee,
    String status,
    String statusLabel,
    String resolution,
    String satisfaction,
    int reopenCount,
    int chaseCount,
    String mergedInto,
    OffsetDateTime dueAt,
    boolean overdue,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    long version,
    Boolean duplicate,
    List<EventJson> events,
    List<String> allowedActions) {

  public record EventJson(String action, String fromStatus, String toStatus, String actor, OffsetDateTime at, String note) {}

  public record PageJson(List<TicketJson> items, long total, int page, int size) {}

  static TicketJson of(Ticket t, Categories categories, Instant now, boolean maskPhone, Boolean duplicate, List<TicketEvent> events) {
    return new TicketJson(
        t.ticketNo(), t.channel(), t.callerName(), maskPhone ? Phones.mask(t.callerPhone()) : t.callerPhone(), t.region(),
        t.studentId(), t.category(), categories.find(t.category()).map(Category::name).orElse(t.category()), t.priority(),
        t.description(), t.department(), t.assignee(), t.status().wire(), t.status().label(), t.resolution(), t.satisfaction(),
        t.reopenCount(), t.chaseCount(), t.mergedInto(), time(t.dueAt()), t.overdueAt(now), time(t.createdAt()),
        time(t.updatedAt()), t.version(), duplicate,
        events == null ? null : events.stream().map(TicketJson::event).toList(),
        events == null ? null : Lifecycle.allowedActions(t.status()));
  }

  static EventJson event(TicketEvent e) {
    return new EventJson(e.action(), e.fromStatus() == null ? null : e.fromStatus().wire(), e.toStatus().wire(), e.actor(), time(e.at()), e.note());
  }

  static OffsetDateTime time(Instant i) {
    return i == null ? null : i.atZone(WorkCalendar.ZONE).toOffsetDateTime();
  }
}
