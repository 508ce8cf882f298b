package aidline.storage;

import java.nio.file.Path;
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
    // a transaction takes the write lock when it begins, so it never fails half-way with
    // SQLITE_BUSY when another process (a CLI import while serving) also writes
    cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return cfg;
  }

  public static String jdbcUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /** Insert-or-ignore, used for idempotent writes keyed by a unique column. */
  public static String insertOrIgnore(String table, String columns, String placeholders) {
    return "INSERT OR IGNORE INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")";
  }

  /**
   * A 256 MB page cache for the connection doing a bulk import: rows arrive in file order, not key
   * order, and the indexes are only fast to fill while their pages stay in memory.
   */
  public static String bulkWriteCacheSql() {
    return "PRAGMA cache_size = -262144";
  }

  public static String integrityCheckSql() {
    return "PRAGMA integrity_check";
  }

}
