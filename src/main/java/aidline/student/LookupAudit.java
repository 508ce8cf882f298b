package aidline.student;

import aidline.security.AuditLog;
import aidline.values.Role;
import java.util.concurrent.CompletableFuture;

/** Where student lookups are recorded (who, which student; the log adds when). A port, so tests need no database. */
@FunctionalInterface
public interface LookupAudit {
  void record(String actor, Role role, String action, String subject);

  /**
   * Starts recording and returns the wait for the row to be durable: the lookup reads its data, then
   * waits, and answers only once the row is on disk (DESIGN.md, durability table). The audit log's
   * version queues the row and commits it at the wait on the lookup's own thread (with whatever else
   * is queued, unless a group is already being committed). Unless a log overrides it, the row is
   * recorded before this returns.
   */
  default Pending begin(String actor, Role role, String action, String subject) {
    record(actor, role, action, subject);
    return Pending.DONE;
  }

  /** An audit row on its way to disk. */
  @FunctionalInterface
  interface Pending {
    Pending DONE = () -> {};

    /** Returns once the row is committed; throws what the write threw. */
    void await();
  }

  /** Writes to the security package's append-only audit log, group-committed with other writes. */
  static LookupAudit of(AuditLog log) {
    return new LookupAudit() {
      @Override
      public void record(String actor, Role role, String action, String subject) {
        log.record(actor, action, subject, detail(role), null);
      }

      @Override
      public Pending begin(String actor, Role role, String action, String subject) {
        CompletableFuture<?> committed = log.recordForAwait(actor, action, subject, detail(role), null);
        return () -> log.awaitCommitted(committed);
      }
    };
  }

  private static String detail(Role role) {
    return role == null ? null : "role=" + role.name();
  }
}
