package aidline.ticket;

import java.util.Locale;

/** Work-order statuses as they appear on the wire (lower case) with the Chinese label. */
public enum TicketStatus {
  RECEIVED("已受理"),
  DISPATCHED("已派单"),
  ACCEPTED("已签收"),
  IN_PROGRESS("办理中"),
  RESOLVED("已办结待回访"),
  CLOSED("已关闭"),
  CANCELLED("已撤销");

  private final String label;

  TicketStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Closed and cancelled orders are finished; everything else still needs someone to watch it. */
  public boolean isOpen() {
    return this != CLOSED && this != CANCELLED;
  }

  /** The deadline clock stops once the department has resolved the order. */
  public boolean clockRunning() {
    return isOpen() && this != RESOLVED;
  }

  public static TicketStatus fromWire(String s) {
    for (TicketStatus t : values()) {
      if (t.wire().equals(s)) {
        return t;
      }
    }
    throw new InvalidTicketException("未知的工单状态: " + s + "（可选: received, dispatched, accepted, in_progress, resolved, closed, cancelled）");
  }
}
