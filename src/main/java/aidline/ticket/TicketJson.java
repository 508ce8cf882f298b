package aidline.ticket;

import aidline.values.Masking;
import aidline.values.Role;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The wire form of an order. Times are ISO-8601 in Beijing time; {@code overdue} is computed at
 * the moment of the response. Personal numbers follow {@link Masking} (whole only for ADMIN): the
 * student's 身份证号 always, numbers inside the description, resolution and notes too. The one
 * exception is the caller's phone in the single-order view, which operators need for the
 * call-back; that view is audited. {@code parentReply} is what the parent is told on chat.
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
    List<String> allowedActions,
    String parentReply) {

  public record EventJson(String action, String fromStatus, String toStatus, String actor, OffsetDateTime at, String note) {}

  public record PageJson(List<TicketJson> items, long total, int page, int size) {}

  /**
   * @param detail the single-order view (caller phone whole for the call-back); lists and
   *     creation answers mask it like everything else
   */
  static TicketJson of(Ticket t, Categories categories, Instant now, Role role, boolean detail, Boolean duplicate,
      List<TicketEvent> events, String parentReply) {
    return new TicketJson(
        t.ticketNo(), t.channel(), t.callerName(), detail ? t.callerPhone() : Masking.phone(t.callerPhone(), role), t.region(),
        Masking.studentNo(t.studentId(), role), t.category(), categories.find(t.category()).map(Category::name).orElse(t.category()),
        t.priority(), Masking.text(t.description(), role), t.department(), t.assignee(), t.status().wire(), t.status().label(),
        Masking.text(t.resolution(), role), t.satisfaction(),
        t.reopenCount(), t.chaseCount(), t.mergedInto(), time(t.dueAt()), t.overdueAt(now), time(t.createdAt()),
        time(t.updatedAt()), t.version(), duplicate,
        events == null ? null : events.stream().map(e -> event(e, role)).toList(),
        events == null ? null : Lifecycle.allowedActions(t.status()), parentReply);
  }

  static EventJson event(TicketEvent e, Role role) {
    return new EventJson(e.action(), e.fromStatus() == null ? null : e.fromStatus().wire(), e.toStatus().wire(), e.actor(), time(e.at()),
        Masking.text(e.note(), role));
  }

  static OffsetDateTime time(Instant i) {
    return i == null ? null : i.atZone(WorkCalendar.ZONE).toOffsetDateTime();
  }
}
