package aidline.ticket;

import java.time.Instant;

/**
 * One work order as stored. Immutable: the lifecycle returns a new one for every change, with
 * {@code version} one higher.
 *
 * @param channel hotline, wechat, telegram or web
 * @param channelUserId the parent's user id on a chat channel (null for hotline/web forms)
 * @param studentId validated 身份证号 or 学籍号 (G + 身份证号), or null
 * @param satisfaction null, "satisfied" or "dissatisfied" (the latest 回访 answer)
 * @param mergedInto the surviving order when this one was merged into it
 */
public record Ticket(
    String ticketNo,
    String channel,
    String callerName,
    String callerPhone,
    String channelUserId,
    String region,
    String studentId,
    String category,
    String priority,
    String description,
    String department,
    String assignee,
    TicketStatus status,
    String resolution,
    String satisfaction,
    int reopenCount,
    int chaseCount,
    String mergedInto,
    Instant dueAt,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /** Overdue while the deadline clock runs (not yet resolved) and the due time has passed. */
  public boolean overdueAt(Instant now) {
    return status.clockRunning() && now.isAfter(dueAt);
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  /** Copy-with helper for the lifecycle, so each transition names only what it changes. */
  static final class Builder {
    private String department;
    private String assignee;
    private TicketStatus status;
    private String resolution;
    private String satisfaction;
    private int reopenCount;
    private int chaseCount;
    private String mergedInto;
    private Instant dueAt;
    private String callerPhone;
    private String region;
    private String studentId;
    private String category;
    private String priority;
    private final Ticket t;

    private Builder(Ticket t) {
      this.t = t;
      department = t.department;
      assignee = t.assignee;
      status = t.status;
      resolution = t.resolution;
      satisfaction = t.satisfaction;
      reopenCount = t.reopenCount;
      chaseCount = t.chaseCount;
      mergedInto = t.mergedInto;
      dueAt = t.dueAt;
      callerPhone = t.callerPhone;
      region = t.region;
      studentId = t.studentId;
      category = t.category;
      priority = t.priority;
    }

    Builder department(String v) { department = v; return this; }
    Builder assignee(String v) { assignee = v; return this; }
    Builder status(TicketStatus v) { status = v; return this; }
    Builder resolution(String v) { resolution = v; return this; }
    Builder satisfaction(String v) { satisfaction = v; return this; }
    Builder reopenCount(int v) { reopenCount = v; return this; }
    Builder chaseCount(int v) { chaseCount = v; return this; }
    Builder mergedInto(String v) { mergedInto = v; return this; }
    Builder dueAt(Instant v) { dueAt = v; return this; }
    Builder callerPhone(String v) { callerPhone = v; return this; }
    Builder region(String v) { region = v; return this; }
    Builder studentId(String v) { studentId = v; return this; }
    Builder category(String v, String p) { category = v; priority = p; return this; }

    Ticket build(Instant now) {
      return new Ticket(
          t.ticketNo, t.channel, t.callerName, callerPhone, t.channelUserId, region, studentId, category,
          priority, t.description, department, assignee, status, resolution, satisfaction, reopenCount, chaseCount,
          mergedInto, dueAt, t.createdAt, now, t.version + 1);
    }
  }
}
