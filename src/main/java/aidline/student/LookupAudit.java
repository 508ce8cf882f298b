package aidline.student;

import aidline.security.AuditLog;
import aidline.values.Role;

/** Where student lookups are recorded (who, which student; the log adds when). A port, so tests need no database. */
@FunctionalInterface
public interface LookupAudit {
  void record(String actor, Role role, String action, String subject);

  /** Writes to the security package's append-only audit log. */
  static LookupAudit of(AuditLog log) {
    return (actor, role, action, subject) -> log.record(actor, action, subject, role == null ? null : "role=" + role.name(), null);
  }
}
