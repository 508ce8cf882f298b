package aidline.security;

import aidline.storage.Database;
import aidline.storage.SqliteDialect;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Writes each entry to the audit_log table before the caller sees any data. The insert commits
 * without its own fsync (synchronous=NORMAL for that one statement): an entry survives a crash of
 * the process at once and a power cut from the next durable commit on; an fsync per lookup would
 * cost more than the whole lookup (p99 target 2 ms).
 */
public final class JdbcAuditLog implements AuditLog {
  private final Database db;
  private final String synchronous;

  /** @param synchronous the database's configured mode, restored after each entry */
  public JdbcAuditLog(Database db, String synchronous) {
    this.db = db;
    this.synchronous = synchronous;
  }

  @Override
  public void record(Entry e) {
    db.withConnection(
        c -> {
          try (Statement st = c.createStatement()) {
            st.execute(SqliteDialect.synchronousSql("NORMAL"));
            try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO audit_log (at, actor, role, action, subject) VALUES (?,?,?,?,?)")) {
              ps.setString(1, e.at().toString());
              ps.setString(2, e.actor());
              ps.setString(3, e.role());
              ps.setString(4, e.action());
              ps.setString(5, e.subject());
              return ps.executeUpdate();
            } finally {
              st.execute(SqliteDialect.synchronousSql(synchronous));
            }
          }
        });
  }
}
