package aidline.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per physical SQLite connection, so a hot read (a student, its aid rows, a
 * token) is compiled once per pooled connection instead of on every request: preparing was about half
 * of SQLite's time on the lookup's request threads (JFR native samples, BENCHMARKS.md). A pooled
 * connection is used by one thread at a time, so its statements are too. PostgreSQL's driver keeps
 * its own per-connection cache of server-side statements, so it does not use this one.
 */
final class StatementCache {
  /** Bounds what one connection keeps if a caller ever passes built SQL by mistake. */
  private static final int PER_CONNECTION = 64;

  private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

  /** The connection's statement for {@code sql}, parameters cleared; the caller must not close it. */
  PreparedStatement prepared(Connection pooled, String sql) throws SQLException {
    Connection raw = pooled.unwrap(Connection.class);
    Map<String, PreparedStatement> mine = byConnection.get(raw);
    if (mine == null) {
      // a new physical connection: the pool has retired others since, whose statements went with them
      byConnection.keySet().removeIf(StatementCache::closed);
      mine = new ConcurrentHashMap<>();
      byConnection.put(raw, mine);
    }
    PreparedStatement ps = mine.get(sql);
    if (ps == null || ps.isClosed()) {
      if (mine.size() >= PER_CONNECTION) {
        forgetAll(mine);
      }
      ps = raw.prepareStatement(sql);
      mine.put(sql, ps);
    }
    return ps;
  }

  /** Drops a statement whose state is unknown after a failure; the next call prepares it anew. */
  void forget(Connection pooled, String sql) {
    try {
      Map<String, PreparedStatement> mine = byConnection.get(pooled.unwrap(Connection.class));
      PreparedStatement ps = mine == null ? null : mine.remove(sql);
      if (ps != null) {
        ps.close();
      }
    } catch (SQLException ignored) {
      // the statement is gone from the cache either way
    }
  }

  int size() {
    return byConnection.values().stream().mapToInt(Map::size).sum();
  }

  private static void forgetAll(Map<String, PreparedStatement> statements) {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing a cached statement frees memory only
      }
    }
    statements.clear();
  }

  private static boolean closed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
