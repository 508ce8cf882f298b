package aidline.ticket;

import aidline.security.AuditLog;
import aidline.storage.Database;

/**
 * Where work-order changes, exports and full-number views are recorded (issue 15, M6): who, what,
 * which order or filter. A port, adapted to the security package's append-only audit log in
 * {@code app}, so the ticket feature needs no database table of its own for it.
 */
@FunctionalInterface
public interface TicketAudit {
  void record(String actor, String action, String target, String detail, String ip);

  /**
   * The same row as a write inside the transaction of the change it records (committed with it, one
   * fsync), or null when this log can only record on its own, after the change.
   */
  default Database.SqlWork<Integer> row(String actor, String action, String target, String detail, String ip) {
    return null;
  }

  /** The security package's append-only audit log. */
  static TicketAudit of(AuditLog log) {
    return new TicketAudit() {
      @Override
      public void record(String actor, String action, String target, String detail, String ip) {
        log.record(actor, action, target, detail, ip);
      }

      @Override
      public Database.SqlWork<Integer> row(String actor, String action, String target, String detail, String ip) {
        return log.row(actor, action, target, detail, ip);
      }
    };
  }

  TicketAudit NONE = (actor, action, target, detail, ip) -> { };
}
