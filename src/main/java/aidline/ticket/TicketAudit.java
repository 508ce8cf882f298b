package aidline.ticket;

/**
 * Where work-order changes, exports and full-number views are recorded (issue 15, M6): who, what,
 * which order or filter. A port, adapted to the security package's append-only audit log in
 * {@code app}, so the ticket feature needs no database table of its own for it.
 */
@FunctionalInterface
public interface TicketAudit {
  void record(String actor, String action, String target, String detail, String ip);

  TicketAudit NONE = (actor, action, target, detail, ip) -> { };
}
