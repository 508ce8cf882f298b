package aidline.ticket;

import static aidline.ticket.TicketStatus.ACCEPTED;
import static aidline.ticket.TicketStatus.CANCELLED;
import static aidline.ticket.TicketStatus.CLOSED;
import static aidline.ticket.TicketStatus.DISPATCHED;
import static aidline.ticket.TicketStatus.IN_PROGRESS;
import static aidline.ticket.TicketStatus.RECEIVED;
import static aidline.ticket.TicketStatus.RESOLVED;

import aidline.ticket.Command.Action;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The work-order lifecycle as a pure function: {@link #next} takes the current order, an action and
 * the time, and returns the changed order and its history row, or throws; it reads no clock and
 * touches no database, so every transition is tested directly.
 *
 * <pre>
 * received --dispatch--> dispatched --accept--> accepted --start--> in_progress --resolve--> resolved
 *              ^              |                    |                     ^                      |
 *              +----return----+--------return------+                     +--callback 不满意------+
 * resolved --callback 满意--> closed;  cancel / merge (any status before resolved) --> cancelled
 * chase (催办) and a repeated call keep the status and are recorded.
 * </pre>
 */
public final class Lifecycle {
  private static final Set<TicketStatus> WORKING = EnumSet.of(RECEIVED, DISPATCHED, ACCEPTED, IN_PROGRESS);

  /** From which statuses each action may be taken; the one table behind checks and the console's buttons. */
  private static final Map<Action, Set<TicketStatus>> FROM = fromTable();

  private static Map<Action, Set<TicketStatus>> fromTable() {
    Map<Action, Set<TicketStatus>> m = new EnumMap<>(Action.class);
    m.put(Action.DISPATCH, EnumSet.of(RECEIVED));
    m.put(Action.ACCEPT, EnumSet.of(DISPATCHED));
    m.put(Action.RETURN, EnumSet.of(DISPATCHED, ACCEPTED));
    m.put(Action.START, EnumSet.of(ACCEPTED));
    m.put(Action.RESOLVE, EnumSet.of(IN_PROGRESS));
    m.put(Action.CALLBACK, EnumSet.of(RESOLVED));
    m.put(Action.CHASE, WORKING);
    m.put(Action.CANCEL, WORKING);
    m.put(Action.MERGE, WORKING);
    m.put(Action.CALL, EnumSet.of(RECEIVED, DISPATCHED, ACCEPTED, IN_PROGRESS, RESOLVED));
    m.put(Action.NOTE, EnumSet.allOf(TicketStatus.class));
    return m;
  }

  /** The actions an operator may take on an order in this status (wire names, in workflow order). */
  public static List<String> allowedActions(TicketStatus status) {
    return FROM.entrySet().stream()
        .filter(e -> e.getKey() != Action.CALL && e.getKey() != Action.NOTE && e.getValue().contains(status))
        .map(e -> e.getKey().wire()).toList();
  }

  private final Categories categories;
  private final WorkCalendar calendar;

  public Lifecycle(Categories categories, WorkCalendar calendar) {
    this.categories = categories;
    this.calendar = calendar;
  }

  /** The result of one action: the new order and the event row that records it. */
  public record Transition(Ticket ticket, TicketEvent event) {}

  /** The deadline for an order of this category taken (or reopened) at {@code at}. */
  public Instant dueAt(String categoryCode, Instant at) {
    return calendar.addWorkingDays(at, categories.byCode(categoryCode).deadlineDays());
  }

  public Transition next(Ticket t, Command cmd, Instant now) {
    if (cmd.version() != null && cmd.version() != t.version()) {
      throw new StaleVersionException(
          "工单 " + t.ticketNo() + " 已被他人修改（当前版本 " + t.version() + "，您提交的版本 " + cmd.version() + "），请刷新后重试");
    }
    Ticket.Builder b = t.toBuilder();
    String note = blankToNull(cmd.note());
    switch (cmd.action()) {
      case DISPATCH -> {
        require(t, cmd);
        String dept = blankToNull(cmd.department());
        if (dept == null) {
          dept = categories.byCode(t.category()).department();
        }
        b.status(DISPATCHED).department(dept).assignee(blankToNull(cmd.assignee()));
        note = join("派单至" + dept, note);
      }
      case ACCEPT -> {
        require(t, cmd);
        // the assignee chosen at dispatch stays; the one signing only becomes it when none was named
        String who = blankToNull(cmd.assignee()) != null ? cmd.assignee().trim()
            : t.assignee() != null ? t.assignee() : cmd.actor();
        b.status(ACCEPTED).assignee(who);
        note = join("承办人 " + who, note);
      }
      case RETURN -> {
        require(t, cmd);
        needNote(note, "退单必须填写原因（note）");
        b.status(RECEIVED).department(null).assignee(null);
        note = join(t.department() + " 退单", note);
      }
      case START -> {
        require(t, cmd);
        b.status(IN_PROGRESS);
      }
      case RESOLVE -> {
        require(t, cmd);
        needNote(note, "办结必须填写办理结果（note）");
        b.status(RESOLVED).resolution(note);
      }
      case CALLBACK -> {
        require(t, cmd);
        if (cmd.satisfied() == null) {
          throw new InvalidTicketException("回访必须说明是否满意（satisfied: true 或 false）");
        }
        if (cmd.satisfied()) {
          b.status(CLOSED).satisfaction("satisfied");
          note = join("满意", note);
        } else {
          // 不满意 means redo: back to the same department with a fresh deadline
          b.status(IN_PROGRESS).satisfaction("dissatisfied").reopenCount(t.reopenCount() + 1).dueAt(dueAt(t.category(), now));
          note = join("不满意，重新办理（第 " + (t.reopenCount() + 1) + " 次）", note);
        }
      }
      case CHASE -> {
        require(t, cmd);
        b.chaseCount(t.chaseCount() + 1);
        note = join("第 " + (t.chaseCount() + 1) + " 次催办" + (t.overdueAt(now) ? "（已超期）" : ""), note);
      }
      case CANCEL -> {
        require(t, cmd);
        needNote(note, "撤销必须填写原因（note），如重复工单、来电人撤回");
        b.status(CANCELLED);
      }
      case MERGE -> {
        require(t, cmd);
        String into = blankToNull(cmd.into());
        if (into == null) {
          throw new InvalidTicketException("合并必须指明保留的工单号（into）");
        }
        if (into.equals(t.ticketNo())) {
          throw new IllegalTransitionException("工单不能合并到自己");
        }
        b.status(CANCELLED).mergedInto(into);
        note = join("已合并至 " + into, note);
      }
      case CALL -> {
        require(t, cmd);
      }
      case NOTE -> needNote(note, "内部备注不能为空（note）");
      default -> throw new IllegalStateException("unhandled action " + cmd.action());
    }
    Ticket changed = b.build(now);
    return new Transition(
        changed, new TicketEvent(t.ticketNo(), cmd.action().wire(), t.status(), changed.status(), cmd.actor(), now, note));
  }

  private static void require(Ticket t, Command cmd) {
    if (!FROM.get(cmd.action()).contains(t.status())) {
      throw new IllegalTransitionException(
          "工单 " + t.ticketNo() + " 当前状态为「" + t.status().label() + "」，不能" + cmd.action().label());
    }
  }

  private static void needNote(String note, String message) {
    if (note == null) {
      throw new InvalidTicketException(message);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String join(String a, String b) {
    return b == null ? a : a + "：" + b;
  }
}
