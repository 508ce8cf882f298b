package aidline.security;

import aidline.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only record of who did what: logins, student lookups and exports, work-order changes,
 * account changes. The table's triggers refuse updates and deletes.
 */
public final class AuditLog {
  private final Database db;
  private final Clock clock;

  public AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public record Entry(long id, String at, String actor, String action, String target, String detail, String ip) {}

  public record Query(String actor, String action, String target, String from, String to, int limit, int offset) {}

  public void record(String actor, String action, String target, String detail, String ip) {
    db.write(insert(actor, action, target, detail, ip));
  }

  /**
   * The same row queued for the next group commit; the future completes once it is committed. A
   * caller that must not answer before the row is durable waits for it after doing its own reads
   * (the student lookup), so the fsync runs beside them; {@code bench} also measures answering
   * without waiting, the policy not chosen (DESIGN.md).
   */
  public CompletableFuture<Integer> recordQueued(String actor, String action, String target, String detail, String ip) {
    return db.writeLater(insert(actor, action, target, detail, ip));
  }

  /**
   * The row queued for this thread to commit at {@link #awaitCommitted} (the student lookup, which
   * reads first): the reply then waits for the fsync with no hand-off to the writer thread and back.
   */
  public CompletableFuture<Integer> recordForAwait(String actor, String action, String target, String detail, String ip) {
    return db.writeForAwait(insert(actor, action, target, detail, ip));
  }

  /**
   * Returns once a row {@link #recordQueued} queued is committed, committing the queued group on
   * this thread when the writer has not started it ({@link Database#await}); throws what the insert threw.
   */
  public void awaitCommitted(CompletableFuture<?> queued) {
    db.await(queued);
  }

  /**
   * The row as a write to run inside another write's transaction, so it commits together with the
   * change it records: one fsync wait instead of two (a work-order create).
   */
  public Database.SqlWork<Integer> row(String actor, String action, String target, String detail, String ip) {
    return insert(actor, action, target, detail, ip);
  }

  private Database.SqlWork<Integer> insert(String actor, String action, String target, String detail, String ip) {
    return c -> db.update(c, "INSERT INTO audit_log (at, actor, action, target, detail, ip) VALUES (?,?,?,?,?,?)", ps -> {
      ps.setString(1, clock.instant().toString());
      ps.setString(2, actor == null ? "system" : actor);
      ps.setString(3, action);
      ps.setString(4, target);
      ps.setString(5, detail);
      ps.setString(6, ip);
    });
  }

  /** Newest first; every filter is optional ({@code action} matches a prefix, e.g. "login"). */
  public List<Entry> find(Query q) {
    StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, target, detail, ip FROM audit_log WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (q.actor() != null && !q.actor().isBlank()) {
      sql.append(" AND actor = ?");
      args.add(q.actor());
    }
    if (q.action() != null && !q.action().isBlank()) {
      sql.append(" AND action LIKE ? ESCAPE '\\'");
      args.add(q.action().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (q.target() != null && !q.target().isBlank()) {
      sql.append(" AND target = ?");
      args.add(q.target());
    }
    if (q.from() != null && !q.from().isBlank()) {
      sql.append(" AND at >= ?");
      args.add(q.from());
    }
    if (q.to() != null && !q.to().isBlank()) {
      sql.append(" AND at < ?");
      args.add(q.to());
    }
    sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
    args.add(Math.max(1, Math.min(q.limit(), 500)));
    args.add(Math.max(0, q.offset()));
    return db.withConnection(
        c -> {
          List<Entry> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
              ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
              }
            }
          }
          return out;
        });
  }
}
