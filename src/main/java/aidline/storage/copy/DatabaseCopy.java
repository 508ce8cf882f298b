package aidline.storage.copy;

import aidline.config.AppConfig;
import aidline.storage.Backup;
import aidline.storage.Database;
import aidline.storage.InstanceLock;
import aidline.storage.SqliteDialect;
import aidline.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Copies a SQLite aidline database into a PostgreSQL one ({@code aidline db copy}).
 *
 * <p>The source is read under its instance lock (so no {@code serve} writes it meanwhile) inside one
 * read transaction on a query-only connection: the copy is one consistent snapshot and the file is
 * never written. Each table is copied in key order in batches, one transaction per batch, as
 * {@code INSERT … ON CONFLICT DO NOTHING}: a rerun after a crash skips the rows that arrived and
 * adds the rest. Before anything is written every row already in the target is compared with the
 * source's row of the same key, so a target holding other data is refused untouched. Identity
 * sequences are then moved past the copied ids, and every table is verified by row count and an
 * order-free checksum of all its rows.
 */
public final class DatabaseCopy {
  /** Told after each committed batch; a test throws from it to stand in for a crash. */
  public interface Progress {
    void batchCommitted(String table, long rowsRead, long sourceRows);

    Progress NONE = (t, r, n) -> {};
  }

  private final int batchSize;
  private final Progress progress;

  public DatabaseCopy(int batchSize, Progress progress) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    this.batchSize = batchSize;
    this.progress = progress;
  }

  public CopyReport copy(Path sourceFile, AppConfig.Storage target) {
    Path source = sourceFile.toAbsolutePath();
    if (!Files.isRegularFile(source)) {
      throw new StorageException("源数据库不存在: " + source, null);
    }
    if (!target.postgres()) {
      throw new StorageException("目标须是 PostgreSQL 地址 jdbc:postgresql://主机[:端口]/数据库名", null);
    }
    try (InstanceLock lock = InstanceLock.tryAcquire(source).orElseThrow(() -> new StorageException(
        "源数据库正被 aidline 服务使用（" + InstanceLock.lockFile(source) + " 已被锁定），请先停止 serve 再复制，未写入任何数据", null))) {
      Backup.verify(source);
      String version = sourceVersion(source);
      try (Connection src = readOnly(source); Database db = openTarget(target, version)) {
        return run(src, db, version);
      } catch (SQLException e) {
        throw new StorageException("复制失败: " + firstLine(e), e);
      }
    }
  }

  private CopyReport run(Connection src, Database db, String version) throws SQLException {
    try (Connection dst = db.dataSource().getConnection()) {
      dst.setAutoCommit(false);
      List<CopyTable> tables = Schemas.plan(src, dst);
      dst.commit();
      Map<String, Long> sourceRows = new HashMap<>();
      for (CopyTable t : tables) {
        sourceRows.put(t.name(), count(src, t.name()));
        TargetCheck.requireSubsetOfSource(src, dst, t);
      }
      long inserted = 0;
      long skipped = 0;
      for (CopyTable t : tables) {
        long have = count(dst, t.name());
        dst.commit();
        if (have == sourceRows.get(t.name())) {
          skipped++;
          continue;
        }
        if (t.keyed()) {
          copyKeyed(src, dst, t, sourceRows.get(t.name()));
        } else {
          copyWhole(src, dst, t);
        }
        // counted, not summed from the batches: rewritten batches report no per-row counts
        inserted += count(dst, t.name()) - have;
        dst.commit();
      }
      for (CopyTable t : tables) {
        resetIdentity(dst, t);
      }
      dst.commit();
      List<CopyReport.TableCheck> checks = new ArrayList<>();
      for (CopyTable t : tables) {
        checks.add(verify(src, dst, t));
      }
      dst.commit();
      return new CopyReport(version, checks, inserted, skipped);
    }
  }

  /** Batches in key order; each batch is its own transaction, so a crash loses at most one. */
  private void copyKeyed(Connection src, Connection dst, CopyTable t, long total) throws SQLException {
    String cols = t.columnList();
    List<Column> keyCols = t.keyColumns();
    String rowValue = "(" + t.keyList() + ")";
    String first = "SELECT " + cols + " FROM " + CopyTable.quote(t.name()) + " ORDER BY " + t.keyList() + " LIMIT ?";
    String next = "SELECT " + cols + " FROM " + CopyTable.quote(t.name()) + " WHERE " + rowValue + " > ("
        + keyCols.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ORDER BY " + t.keyList() + " LIMIT ?";
    String insert = "INSERT INTO " + CopyTable.quote(t.name()) + " (" + cols + ") VALUES (" + t.placeholders() + ") ON CONFLICT DO NOTHING";
    List<Integer> keyIndexes = t.key().stream().map(k -> indexOf(t, k)).toList();
    List<Object> last = null;
    long read = 0;
    try (PreparedStatement firstPs = src.prepareStatement(first);
        PreparedStatement nextPs = src.prepareStatement(next);
        PreparedStatement ins = dst.prepareStatement(insert)) {
      while (true) {
        PreparedStatement q;
        if (last == null) {
          q = firstPs;
          q.setInt(1, batchSize);
        } else {
          q = nextPs;
          for (int i = 0; i < keyCols.size(); i++) {
            keyCols.get(i).bind(q, i + 1, last.get(keyIndexes.get(i)));
          }
          q.setInt(keyCols.size() + 1, batchSize);
        }
        List<List<Object>> rows = rows(q, t);
        if (rows.isEmpty()) {
          return;
        }
        for (List<Object> row : rows) {
          bindRow(ins, t, row);
          ins.addBatch();
        }
        ins.executeBatch();
        dst.commit();
        read += rows.size();
        last = rows.get(rows.size() - 1);
        progress.batchCommitted(t.name(), read, total);
      }
    }
  }

  /** A table without any key has nothing a rerun could skip on: it goes in one transaction, all or nothing. */
  private void copyWhole(Connection src, Connection dst, CopyTable t) throws SQLException {
    String insert = "INSERT INTO " + CopyTable.quote(t.name()) + " (" + t.columnList() + ") VALUES (" + t.placeholders() + ")";
    long n = 0;
    try (Statement st = src.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + t.columnList() + " FROM " + CopyTable.quote(t.name()));
        PreparedStatement ins = dst.prepareStatement(insert)) {
      while (rs.next()) {
        bindRow(ins, t, row(rs, t));
        ins.addBatch();
        if (++n % batchSize == 0) {
          ins.executeBatch();
        }
      }
      ins.executeBatch();
    }
    dst.commit();
    progress.batchCommitted(t.name(), n, n);
  }

  /** New rows on PostgreSQL take ids after the copied ones instead of colliding with them. */
  private static void resetIdentity(Connection dst, CopyTable t) throws SQLException {
    if (t.identity() == null) {
      return;
    }
    String sql = "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT max(" + CopyTable.quote(t.identity()) + ") FROM "
        + CopyTable.quote(t.name()) + "), 0) + 1, false)";
    try (PreparedStatement ps = dst.prepareStatement(sql)) {
      ps.setString(1, CopyTable.quote(t.name()));
      ps.setString(2, t.identity());
      ps.executeQuery().close();
    }
  }

  private CopyReport.TableCheck verify(Connection src, Connection dst, CopyTable t) throws SQLException {
    RowDigest s = digest(src, t);
    RowDigest d = digest(dst, t);
    Long maxId = null;
    if (t.identity() != null) {
      try (Statement st = dst.createStatement();
          ResultSet rs = st.executeQuery("SELECT max(" + CopyTable.quote(t.identity()) + ") FROM " + CopyTable.quote(t.name()))) {
        rs.next();
        long v = rs.getLong(1);
        maxId = rs.wasNull() ? 0L : v;
      }
    }
    return new CopyReport.TableCheck(t.name(), s.rows(), d.rows(), s.hex(), d.hex(), maxId);
  }

  static RowDigest digest(Connection c, CopyTable t) throws SQLException {
    RowDigest digest = new RowDigest();
    try (Statement st = c.createStatement()) {
      st.setFetchSize(2000);
      try (ResultSet rs = st.executeQuery("SELECT " + t.columnList() + " FROM " + CopyTable.quote(t.name()))) {
        while (rs.next()) {
          digest.add(row(rs, t));
        }
      }
    }
    return digest;
  }

  static List<List<Object>> rows(PreparedStatement q, CopyTable t) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(row(rs, t));
      }
    }
    return out;
  }

  static List<Object> row(ResultSet rs, CopyTable t) throws SQLException {
    List<Object> row = new ArrayList<>(t.columns().size());
    for (int i = 0; i < t.columns().size(); i++) {
      row.add(t.columns().get(i).read(rs, i + 1));
    }
    return row;
  }

  private static void bindRow(PreparedStatement ps, CopyTable t, List<Object> row) throws SQLException {
    for (int i = 0; i < t.columns().size(); i++) {
      t.columns().get(i).bind(ps, i + 1, row.get(i));
    }
  }

  static int indexOf(CopyTable t, String column) {
    for (int i = 0; i < t.columns().size(); i++) {
      if (t.columns().get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(column);
  }

  static long count(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + CopyTable.quote(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The source's schema version, refused unless it is exactly this aidline's: an older file must be
   * migrated by this aidline first, a newer one needs a newer aidline.
   */
  private static String sourceVersion(Path source) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl(SqliteDialect.jdbcUrl(source));
    MigrationInfoService info = Flyway.configure().dataSource(ds)
        .locations(SqliteDialect.INSTANCE.migrationLocations().toArray(String[]::new))
        .placeholders(SqliteDialect.INSTANCE.migrationPlaceholders())
        .load().info();
    MigrationInfo current = info.current();
    String have = current == null ? "无" : current.getVersion().getVersion();
    MigrationInfo[] all = info.all();
    String mine = all.length == 0 ? "无" : all[all.length - 1].getVersion().getVersion();
    for (MigrationInfo m : all) {
      if (m.getState().name().startsWith("FUTURE")) {
        throw new StorageException("源数据库的结构版本 (" + have + ") 比本程序新，请使用更新版本的 aidline 复制，未写入任何数据", null);
      }
    }
    if (info.pending().length > 0 || current == null) {
      throw new StorageException("源数据库的结构版本 (" + have + ") 与本程序 (" + mine + ") 不同：请先用本版本对它执行 "
          + "AIDLINE_DB=" + source + " aidline db migrate（或先备份），再复制，未写入任何数据", null);
    }
    return have;
  }

  /**
   * The target at the source's version: an empty database is migrated; one that already has an
   * aidline schema must be at the same version (a rerun), anything else is refused unmigrated.
   */
  private static Database openTarget(AppConfig.Storage target, String version) {
    Database db = Database.open(target, false);
    try {
      MigrationInfo current = db.flyway().info().current();
      if (current == null) {
        long tables = db.withConnection(c -> {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")) {
            rs.next();
            return rs.getLong(1);
          }
        });
        if (tables > 0) {
          throw new StorageException("目标库 " + db.name() + " 不是空库，也不是 aidline 数据库（已有 " + tables + " 张表），未写入任何数据", null);
        }
        db.migrate();
      } else if (!current.getVersion().getVersion().equals(version)) {
        throw new StorageException("目标库 " + db.name() + " 的结构版本 (" + current.getVersion().getVersion() + ") 与源数据库 ("
            + version + ") 不同，未写入任何数据", null);
      }
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The source as one read snapshot on a connection that cannot write. */
  private static Connection readOnly(Path source) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    // deferred: a read transaction that never asks for the write lock, so it blocks nobody
    cfg.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
    cfg.setBusyTimeout(5000);
    SQLiteDataSource ds = new SQLiteDataSource(cfg);
    ds.setUrl(SqliteDialect.jdbcUrl(source));
    Connection c = ds.getConnection();
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA query_only = true");
    }
    c.setAutoCommit(false);
    return c;
  }

  static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }
}
