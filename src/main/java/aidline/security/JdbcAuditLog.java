package aidline.security;

import aidline.storage.Database;
import java.sql.PreparedStatement;

/** Writes each entry to the audit_log table in its own transaction, before the caller sees data. */
public final class JdbcAuditLog implements AuditLog {
  private final Database db;

  public JdbcAuditLog(Database db) {
    this.db = db;
  }

  @Override
  public void record(Entry e) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO audit_log (at, actor, role, action, subject) VALUES (?,?,?,?,?)")) {
            ps.setString(1, e.at().toString());
            ps.setString(2, e.actor());
            ps.setString(3, e.role());
            ps.setString(4, e.action());
            ps.setString(5, e.subject());
            return ps.executeUpdate();
          }
        });
  }
}
