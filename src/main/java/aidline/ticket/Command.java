package aidline.ticket;

import java.util.Locale;

/**
 * An action on a work order, as an operator or the parent's 回访 answer asks for it. Only the
 * fields the action needs are read; {@code version}, when given, must match the stored one.
 *
 * @param satisfied for callback: true closes, false reopens
 * @param into for merge: the surviving order's number
 * @param note reason (return, cancel, chase), resolution text (resolve) or comment (callback)
 */
public record Command(
    Action action, String actor, Long version, String department, String assignee, Boolean satisfied, String into, String note) {

  public enum Action {
    DISPATCH("派单"),
    ACCEPT("签收"),
    RETURN("退单"),
    START("开始办理"),
    RESOLVE("办结"),
    CALLBACK("回访"),
    CHASE("催办"),
    CANCEL("撤销"),
    MERGE("合并"),
    /** A repeated call about an open order: recorded, status unchanged (not a REST action). */
    CALL("重复来电"),
    /** An operator's internal note (内部备注): recorded, status unchanged, never shown to the parent. */
    NOTE("内部备注");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The actions operators may send to {@code POST /api/tickets/{no}/actions}. */
    public static Action fromWire(String s) {
      if (s != null) {
        for (Action a : values()) {
          if (a != CALL && a.wire().equals(s.trim().toLowerCase(Locale.ROOT))) {
            return a;
          }
        }
      }
      throw new InvalidTicketException(
          "未知的操作: " + s + "（可选: dispatch, accept, return, start, resolve, callback, chase, cancel, merge, note）");
    }
  }

  public static Command of(Action action, String actor) {
    return new Command(action, actor, null, null, null, null, null, null);
  }

  public Command withNote(String n) {
    return new Command(action, actor, version, department, assignee, satisfied, into, n);
  }

  public Command withVersion(Long v) {
    return new Command(action, actor, v, department, assignee, satisfied, into, note);
  }
}
