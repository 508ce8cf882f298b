package aidline.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Online backup and restore through SQLite's backup API: the copy is a consistent snapshot even
 * while the server keeps writing, and restore rewrites the live file page by page (WAL-safe).
 */
public final class Backup {
  private Backup() {}

  public record Report(Path file, long bytes, long tables) {}

  public static Report backup(Path db, Path target) {
    if (!Files.exists(db)) {
      throw new StorageException("数据库不存在: " + db, null);
    }
    Path abs = target.toAbsolutePath();
    if (Files.exists(abs)) {
      throw new StorageException("备份文件已存在，不会覆盖: " + abs, null);
    }
    OwnerOnly.prepare(abs);
    try (Connection c = DriverManager.getConnection(SqliteDialect.jdbcUrl(db));
        Statement st = c.createStatement()) {
      st.setQueryTimeout(60);
      st.executeUpdate("backup to " + quoteForBackup(abs));
    } catch (SQLException e) {
      throw new StorageException("备份失败: " + e.getMessage(), e);
    }
    return verify(abs);
  }

  /** Checks a database file: integrity, and that it is an aidline database. */
  public static Report verify(Path file) {
    try (Connection c = DriverManager.getConnection(SqliteDialect.jdbcUrl(file));
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(SqliteDialect.INSTANCE.integrityCheckSql())) {
        String r = rs.next() ? rs.getString(1) : "";
        if (!"ok".equalsIgnoreCase(r)) {
          throw new StorageException("备份文件已损坏: " + r, null);
        }
      }
      long tables;
      try (ResultSet rs = st.executeQuery(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('flyway_schema_history', 'app_meta')")) {
        tables = rs.next() ? rs.getLong(1) : 0;
      }
      if (tables < 2) {
        throw new StorageException("不是 aidline 的数据库文件: " + file, null);
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
        tables = rs.next() ? rs.getLong(1) : 0;
      }
      return new Report(file, Files.size(file), tables);
    } catch (SQLException e) {
      throw new StorageException("无法读取 " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StorageException("无法读取 " + file + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the database with the backup; the caller must hold the instance lock. */
  public static Report restore(Path backup, Path db) {
    if (!Files.exists(backup)) {
      throw new StorageException("备份文件不存在: " + backup, null);
    }
    verify(backup);
    try {
      if (db.getParent() != null) {
        Files.createDirectories(db.getParent());
      }
    } catch (IOException e) {
      throw new StorageException("无法创建目录 " + db.getParent() + ": " + e.getMessage(), e);
    }
    OwnerOnly.prepare(db);
    try (Connection c = DriverManager.getConnection(SqliteDialect.jdbcUrl(db));
        Statement st = c.createStatement()) {
      st.executeUpdate("restore from " + quoteForBackup(backup.toAbsolutePath()));
    } catch (SQLException e) {
      throw new StorageException("恢复失败: " + e.getMessage(), e);
    }
    return verify(db);
  }

  private static String quoteForBackup(Path p) {
    String s = p.toString();
    if (s.contains("\"")) {
      throw new StorageException("文件名不能包含双引号: " + s, null);
    }
    return "\"" + s + "\"";
  }
}
