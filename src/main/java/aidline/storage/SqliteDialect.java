package aidline.storage;

import java.util.Locale;
import org.sqlite.SQLiteConfig;

/**
 * Everything SQLite-specific lives here, so a PostgreSQL dialect can stand beside it later.
 *
 * <p>WAL lets readers (lookups, lists) run while one writer commits. {@code synchronous=FULL} (the
 * default) fsyncs the WAL at every commit: a work order acknowledged to a caller survives a kill
 * -9 of the process and a power cut the next instant. NORMAL would survive kill -9 but not power
 * loss.
 */
public final class SqliteDialect {
  private SqliteDialect() {}

  public static SQLiteConfig connectionConfig(String synchronous, int busyTimeoutMillis) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous.toUpperCase(Locale.ROOT)));
    cfg.enforceForeignKeys(true);
    cfg.setBusyTimeout(busyTimeoutMillis);
    cfg.setEncoding(SQLiteConfig.Encoding.UTF8);
    return cfg;
  }

  public static String jdbcUrl(java.nio.file.Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /** Insert-or-ignore, used for idempotent writes keyed by a unique column. */
  public static String insertOrIgnore(String table, String columns, String placeholders) {
    return "INSERT OR IGNORE INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")";
  }

  public static String integrityCheckSql() {
    return "PRAGMA integrity_check";
  }

  /**
   * A no-op write that takes SQLite's write lock as a transaction's first statement, where the busy
   * timeout still waits for another writer. A deferred transaction that reads first and writes later
   * instead fails at once (SQLITE_BUSY_SNAPSHOT) if another connection committed in between.
   */
  public static String takeWriteLockSql(String table, String column) {
    return "UPDATE " + table + " SET " + column + " = " + column + " WHERE 0";
  }
}
