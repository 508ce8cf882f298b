package aidline.storage;

import aidline.config.AppConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteDataSource;

/** The application's database: a pooled DataSource with migrations applied on open. */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Path file;
  private final Dialect dialect;
  private final String name;

  private final GroupCommitter writer;
  /** Reused statements of {@link #query}; null on PostgreSQL, whose driver caches them itself. */
  private final StatementCache statements;
  /** storage.commit = plain: each write is its own transaction on the caller's thread (measured in bench). */
  private final boolean plain;

  private Database(HikariDataSource pool, Path file, Dialect dialect, String name, boolean plain) {
    this.pool = pool;
    this.file = file;
    this.dialect = dialect;
    this.name = name;
    this.plain = plain;
    this.statements = dialect.driverCachesStatements() ? null : new StatementCache();
    this.writer = new GroupCommitter(group -> inTransaction(group::run), 256);
  }

  /**
   * A small durable write, group-committed with the writes of other requests: returns once its
   * transaction is committed (and fsynced). Use {@link #inTransaction} for big batches instead.
   */
  public <T> T write(SqlWork<T> work) {
    if (writeLock.isHeldByCurrentThread()) {
      // the writer thread would wait for this thread's lock while this thread waits for it
      throw new IllegalStateException("a group-committed write cannot start inside inTransaction");
    }
    if (plain) {
      return plainWrite(work);
    }
    return writer.write(work::run);
  }

  /**
   * A small write queued for the next group commit without waiting for it (see the durability table
   * in DESIGN.md for which writes may do this): the returned future completes once it is committed.
   */
  public <T> CompletableFuture<T> writeLater(SqlWork<T> work) {
    if (plain) {
      try {
        return CompletableFuture.completedFuture(plainWrite(work));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return writer.submit(work::run);
  }

  /**
   * A small durable write queued for its caller to {@link #await}: the caller commits it on its own
   * thread (with whatever else is queued) when no group is being committed, so the wait is the
   * fsync alone, with no thread hand-off (the student lookup's audit row). On PostgreSQL too; with
   * {@code storage.commit = plain} it is written at once, as {@link #writeLater} does.
   */
  public <T> CompletableFuture<T> writeForAwait(SqlWork<T> work) {
    if (plain) {
      return writeLater(work);
    }
    return writer.submitForAwait(work::run);
  }

  /**
   * Waits until a write {@link #writeLater} queued is committed, and returns its result or throws
   * what it threw. When the writer thread has not started a group yet, this thread commits the
   * queued group itself (see {@link GroupCommitter#await}): a reply that must not go out before its
   * write is durable (a student lookup's audit row) then waits for the fsync, not for two thread
   * wake-ups as well, which is what a busy machine makes slow.
   */
  public <T> T await(CompletableFuture<T> queued) {
    if (writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("a group-committed write cannot be awaited inside inTransaction");
    }
    if (plain) {
      try {
        return queued.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : e;
      }
    }
    return writer.await(queued);
  }

  /**
   * One transaction for one write. PostgreSQL runs such transactions side by side, each waiting for
   * its own commit; SQLite has one writer, so they take turns on the write lock as batches do.
   */
  private <T> T plainWrite(SqlWork<T> work) {
    return dialect.concurrentWriters() ? transaction(work) : inTransaction(work);
  }

  public GroupCommitter.Stats writeStats() {
    return writer.stats();
  }

  /** Opens and migrates the database {@code storage.db} names: a SQLite file, or a PostgreSQL URL. */
  public static Database open(AppConfig.Storage cfg) {
    return open(cfg, true);
  }

  /**
   * @param migrate false only for {@code db status}, which shows what a migration would apply; the
   *     application always migrates
   */
  public static Database open(AppConfig.Storage cfg, boolean migrate) {
    if (cfg.postgres()) {
      return started(PostgresOpener.pool(cfg), null, PostgresDialect.INSTANCE, PostgresDialect.safeUrl(cfg.db()), migrate,
          !cfg.groupCommit());
    }
    return openSqlite(cfg, migrate);
  }

  private static Database openSqlite(AppConfig.Storage cfg, boolean migrate) {
    Path file = cfg.dbPath().toAbsolutePath();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw new StorageException("无法创建数据库目录 " + file.getParent() + ": " + e.getMessage(), e);
    }
    OwnerOnly.prepare(file);
    SQLiteDataSource raw =
        new SQLiteDataSource(SqliteDialect.connectionConfig(cfg.synchronous(), cfg.busyTimeoutMillis()));
    raw.setUrl(SqliteDialect.jdbcUrl(file));
    // before the pool exists: its filler thread opening a connection at the same time as the check
    // races to switch a new file to WAL, and one of the two then fails with SQLITE_BUSY
    checkIntegrity(raw, file);
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(raw);
    hc.setPoolName("aidline-db");
    hc.setMaximumPoolSize(8);
    hc.setMinimumIdle(1);
    hc.setInitializationFailTimeout(-1);
    return started(new HikariDataSource(hc), file, SqliteDialect.INSTANCE, file.toString(), migrate, !cfg.groupCommit());
  }

  private static Database started(HikariDataSource pool, Path file, Dialect dialect, String name, boolean migrate,
      boolean plain) {
    Database db = new Database(pool, file, dialect, name, plain);
    try {
      if (migrate) {
        db.migrate();
      }
      db.writer.start();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return db;
  }

  /** Applies pending migrations; returns how many were applied. */
  public int migrate() {
    try {
      Flyway flyway = flyway();
      // Flyway ignores "future" migrations by default; a database written by a newer aidline
      // must not be used by an older one, so refuse explicitly.
      for (var m : flyway.info().all()) {
        if (m.getState().isApplied() && m.getState().name().startsWith("FUTURE")) {
          throw new StorageException("数据库 " + name + " 的结构版本 (" + m.getVersion()
              + ") 比本程序新，请使用更新版本的 aidline，或从备份恢复", null);
        }
      }
      return flyway.migrate().migrationsExecuted;
    } catch (FlywayException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("newer than") || m.contains("not resolved locally") || m.contains("Detected applied migration not resolved")) {
        throw new StorageException("数据库 " + name + " 的结构版本比本程序新，请使用更新版本的 aidline", e);
      }
      throw new StorageException("数据库迁移失败 " + name + ": " + m.lines().findFirst().orElse(m), e);
    }
  }

  /**
   * Runs on a connection of its own, not the pool's: a file that is not a database fails at once
   * with SQLite's reason instead of after the pool's 30-second wait for a connection.
   */
  private static void checkIntegrity(DataSource raw, Path file) {
    try (Connection c = raw.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(SqliteDialect.INSTANCE.integrityCheckSql())) {
      String result = rs.next() ? rs.getString(1) : "no result";
      if (!"ok".equalsIgnoreCase(result)) {
        throw new StorageException("数据库文件已损坏 " + file + ": " + result + "，请从备份恢复", null);
      }
    } catch (SQLException e) {
      throw new StorageException("无法打开数据库 " + file + ": " + e.getMessage(), e);
    }
  }

  /** Flyway over this database: the engine's own history plus {@code db/migration/common}. */
  public Flyway flyway() {
    return Flyway.configure()
        .dataSource(pool)
        .locations(dialect.migrationLocations().toArray(String[]::new))
        .placeholders(dialect.migrationPlaceholders())
        .validateMigrationNaming(true)
        .load();
  }

  public DataSource dataSource() {
    return pool;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The SQLite file, or null on PostgreSQL. */
  public Path file() {
    return file;
  }

  /** The file path or the URL without credentials, for messages. */
  public String name() {
    return name;
  }

  /** Connections of the pool now, for /health. */
  public record PoolStats(int active, int idle, int total, int waiting) {}

  public PoolStats poolStats() {
    HikariPoolMXBean mx = pool.getHikariPoolMXBean();
    if (mx == null) {
      return new PoolStats(0, 0, 0, 0);
    }
    return new PoolStats(mx.getActiveConnections(), mx.getIdleConnections(), mx.getTotalConnections(), mx.getThreadsAwaitingConnection());
  }

  /** True if a trivial query succeeds; used by /health. */
  public boolean reachable() {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1")) {
      return rs.next();
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Runs work in one transaction, committing on success and rolling back on any failure.
   *
   * <p>Write transactions of this process take turns on a Java lock before they reach SQLite. SQLite
   * allows one writer; a second one waits in SQLite's busy handler, which sleeps in steps of up to
   * 100 ms, so under concurrent writes most of the time went to sleeping. A queue on a lock hands
   * the file over the moment the previous commit ends.
   */
  public <T> T inTransaction(SqlWork<T> work) {
    writeLock.lock();
    try {
      return transaction(work);
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T transaction(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StorageException("数据库操作失败: " + e.getMessage(), e);
    }
  }

  /** Runs read-only work on a pooled connection. */
  public <T> T withConnection(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageException("数据库操作失败: " + e.getMessage(), e);
    }
  }

  /**
   * A read through a statement that stays prepared on its pooled connection (SQLite), for the hot
   * reads every request makes: {@code sql} must be a constant, with values only as parameters. The
   * result set is read and closed here, so no statement is left mid-step holding a read snapshot.
   */
  public <T> T query(String sql, Binder bind, RowsReader<T> read) {
    try (Connection c = pool.getConnection()) {
      if (statements == null) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          return run(ps, bind, read);
        }
      }
      PreparedStatement ps = statements.prepared(c, sql);
      try {
        T result = run(ps, bind, read);
        ps.clearParameters();
        return result;
      } catch (SQLException | RuntimeException e) {
        statements.forget(c, sql);
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException("数据库操作失败: " + e.getMessage(), e);
    }
  }

  /**
   * An insert or update inside a write's transaction ({@code c} from {@link #write} and friends)
   * through a statement kept prepared on that connection, as {@link #query} does: for the small rows
   * every request writes (a lookup's audit row).
   */
  public int update(Connection c, String sql, Binder bind) throws SQLException {
    if (statements == null) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind.bind(ps);
        return ps.executeUpdate();
      }
    }
    PreparedStatement ps = statements.prepared(c, sql);
    try {
      bind.bind(ps);
      int n = ps.executeUpdate();
      ps.clearParameters();
      return n;
    } catch (SQLException | RuntimeException e) {
      statements.forget(c, sql);
      throw e;
    }
  }

  private static <T> T run(PreparedStatement ps, Binder bind, RowsReader<T> read) throws SQLException {
    bind.bind(ps);
    try (ResultSet rs = ps.executeQuery()) {
      return read.read(rs);
    }
  }

  /** Statements {@link #query} keeps prepared now, for tests. */
  int cachedStatements() {
    return statements == null ? 0 : statements.size();
  }

  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  public interface RowsReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  @Override
  public void close() {
    writer.close();
    pool.close();
  }
}
