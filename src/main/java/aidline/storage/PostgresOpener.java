package aidline.storage;

import aidline.config.AppConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the pool on a PostgreSQL server. The server is asked once before the pool exists, with
 * short timeouts, so a server that is down or a wrong password stops the start at once with a
 * clear reason instead of after the pool's wait. Neither the password nor the URL's parameters
 * ever appear in a message.
 */
final class PostgresOpener {
  private static final int CONNECT_SECONDS = 5;

  private PostgresOpener() {}

  static HikariDataSource pool(AppConfig.Storage cfg) {
    String url = cfg.db().strip();
    String shown = PostgresDialect.safeUrl(url);
    PGSimpleDataSource raw = new PGSimpleDataSource();
    try {
      raw.setURL(url);
    } catch (IllegalArgumentException e) {
      throw new StorageException("PostgreSQL 地址无效 " + shown, null);
    }
    if (cfg.user() != null && !cfg.user().isBlank()) {
      raw.setUser(cfg.user());
    }
    if (cfg.password() != null && !cfg.password().isEmpty()) {
      raw.setPassword(cfg.password());
    }
    raw.setConnectTimeout(CONNECT_SECONDS);
    raw.setLoginTimeout(CONNECT_SECONDS);
    raw.setApplicationName("aidline");
    // student imports send their batches as multi-row INSERTs
    raw.setReWriteBatchedInserts(true);
    check(raw, shown, cfg.password());

    HikariConfig hc = new HikariConfig();
    hc.setDataSource(raw);
    hc.setPoolName("aidline-db");
    // Flyway migrates on one connection while it holds its lock on another
    hc.setMaximumPoolSize(Math.max(2, cfg.poolSize()));
    hc.setMinimumIdle(Math.min(2, cfg.poolSize()));
    hc.setConnectionTimeout(CONNECT_SECONDS * 1000L);
    hc.setInitializationFailTimeout(-1);
    return new HikariDataSource(hc);
  }

  private static void check(PGSimpleDataSource raw, String shown, String password) {
    try (Connection c = raw.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(PostgresDialect.INSTANCE.integrityCheckSql())) {
      rs.next();
    } catch (SQLException e) {
      throw new StorageException("无法连接 PostgreSQL " + shown + ": " + reason(e, password)
          + "（请检查服务器是否运行、地址与端口、AIDLINE_DB_USER / AIDLINE_DB_PASSWORD）", null);
    }
  }

  /** The driver's first line, with the password cut out should a message ever echo it. */
  static String reason(SQLException e, String password) {
    String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    if (password != null && password.length() >= 3) {
      m = m.replace(password, "***");
    }
    return m;
  }
}
