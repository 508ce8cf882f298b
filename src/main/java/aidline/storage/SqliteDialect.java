package aidline.storage;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite, the default engine: one file beside the application.
 *
 * <p>WAL lets readers (lookups, lists) run while one writer commits. {@code synchronous=FULL} (the
 * default) fsyncs the WAL at every commit: a work order acknowledged to a caller survives a kill
 * -9 of the process and a power cut the next instant. NORMAL would survive kill -9 but not power
 * loss.
 */
public final class SqliteDialect implements Dialect {
  public static final SqliteDialect INSTANCE = new SqliteDialect();

  /**
   * WAL pages after which a commit also checkpoints (SQLite's default is 1,000). The checkpoint
   * runs inside the commit that crosses the mark (it writes the pages back and fsyncs the database
   * file), and the next commit restarts the WAL with one more fsync; the callers of both wait for
   * that. A student lookup's audit row adds about 5 pages, so at 1,000 every 200th lookup paid it,
   * close to the p99; at 4,000 it is one in 800, and the WAL stays under 16 MB.
   */
  static final int WAL_AUTOCHECKPOINT_PAGES = 4_000;

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
    cfg.setWalAutocheckpoint(WAL_AUTOCHECKPOINT_PAGES);
    // nothing reads Statement.getGeneratedKeys (ids come back through RETURNING or a query); left on,
    // the driver matches every INSERT's SQL and runs SELECT last_insert_rowid() after it, on the
    // one writer thread every group commit waits for
    cfg.setGetGeneratedKeys(false);
    return cfg;
  }

  public static String jdbcUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  @Override
  public String engine() {
    return "sqlite";
  }

  @Override
  public String forUpdate() {
    return "";
  }

  @Override
  public String forUpdateSkipLocked() {
    return "";
  }

  @Override
  public String containsSql(String column) {
    return "instr(" + column + ", ?) > 0";
  }

  /**
   * A 256 MB page cache for the connection doing a bulk import: rows arrive in file order, not key
   * order, and the indexes are only fast to fill while their pages stay in memory.
   */
  @Override
  public List<String> bulkWriteSql() {
    return List.of("PRAGMA cache_size = -262144");
  }

  @Override
  public String integrityCheckSql() {
    return "PRAGMA integrity_check";
  }

  @Override
  public boolean concurrentWriters() {
    return false;
  }

  @Override
  public boolean driverCachesStatements() {
    return false;
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    int code = e.getErrorCode();
    return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE.code
        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY.code
        || String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
  }

  @Override
  public boolean isForeignKeyViolation(SQLException e) {
    return e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY.code
        || String.valueOf(e.getMessage()).contains("FOREIGN KEY constraint failed");
  }

  @Override
  public Map<String, String> migrationPlaceholders() {
    return Map.of(
        "id", "INTEGER PRIMARY KEY AUTOINCREMENT",
        "epoch", "INTEGER",
        "bigint", "INTEGER",
        "blob", "BLOB",
        "engine", engine());
  }
}
