package aidline.security;

import java.time.Instant;

/** Append-only record of who saw what. The security issue owns the table; features only append. */
public interface AuditLog {
  void record(Entry entry);

  /** @param subject what was looked at, e.g. a 身份证号 */
  record Entry(Instant at, String actor, String role, String action, String subject) {}
}
