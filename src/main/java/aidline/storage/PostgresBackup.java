package aidline.storage;

import aidline.config.AppConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code backup} and {@code restore} on PostgreSQL, by PostgreSQL's own tools: {@code pg_dump -Fc}
 * (a consistent snapshot while nodes keep writing) and {@code pg_restore} in one transaction. The
 * connection goes to the child in {@code PG*} environment variables, the password in PGPASSWORD, so
 * it never shows in a process list. Without the tools the command says exactly what to run.
 */
public final class PostgresBackup {
  /** Where Debian's postgresql packages put the versioned tools; the newest version comes first. */
  static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

  private final AppConfig.Storage cfg;
  private final Target target;

  /** Where the URL points, for the tools' environment. */
  record Target(String host, int port, String database, Map<String, String> params) {}

  public record Report(Path file, long bytes, int tables, String tool) {}

  public PostgresBackup(AppConfig.Storage cfg) {
    this.cfg = cfg;
    this.target = parse(cfg.db());
  }

  public Report backup(Path file) {
    Path abs = file.toAbsolutePath();
    if (Files.exists(abs)) {
      throw new StorageException("备份文件已存在，不会覆盖: " + abs, null);
    }
    Path pgDump = tool("pg_dump").orElseThrow(() -> missing("pg_dump",
        "pg_dump -Fc -f " + abs));
    OwnerOnly.prepare(abs);
    run(List.of(pgDump.toString(), "--format=custom", "--no-owner", "--file=" + abs), "备份");
    int tables = tablesIn(abs);
    try {
      return new Report(abs, Files.size(abs), tables, pgDump.toString());
    } catch (IOException e) {
      throw new StorageException("无法读取备份文件 " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the database's aidline tables with the backup's, all or nothing. Refused while an
   * aidline node is connected, and when the database holds tables the backup lacks (a newer
   * schema): those would stay and stop the next migration.
   */
  public Report restore(Path file) {
    Path abs = file.toAbsolutePath();
    if (!Files.isRegularFile(abs)) {
      throw new StorageException("备份文件不存在: " + abs, null);
    }
    Path pgRestore = tool("pg_restore").orElseThrow(() -> missing("pg_restore",
        "pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error -d " + target.database() + " " + abs));
    Set<String> inBackup = tableNames(pgRestore, abs);
    if (!inBackup.contains("flyway_schema_history") || !inBackup.contains("app_meta")) {
      throw new StorageException("不是 aidline 的 PostgreSQL 备份（pg_dump -Fc）: " + abs, null);
    }
    Set<String> extra = new TreeSet<>(liveTablesAndRequireNoNodes());
    extra.removeAll(inBackup);
    if (!extra.isEmpty()) {
      throw new StorageException("数据库中有备份里没有的表 " + extra + "（备份来自较旧的版本）：请恢复到一个新建的空库（createdb）再把 AIDLINE_DB 指向它", null);
    }
    run(List.of(pgRestore.toString(), "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
        "--dbname=" + target.database(), abs.toString()), "恢复");
    try {
      return new Report(abs, Files.size(abs), inBackup.size(), pgRestore.toString());
    } catch (IOException e) {
      throw new StorageException("无法读取备份文件 " + abs + ": " + e.getMessage(), e);
    }
  }

  private Set<String> liveTablesAndRequireNoNodes() {
    Properties p = new Properties();
    if (cfg.user() != null && !cfg.user().isBlank()) {
      p.setProperty("user", cfg.user());
    }
    if (cfg.password() != null && !cfg.password().isEmpty()) {
      p.setProperty("password", cfg.password());
    }
    p.setProperty("ApplicationName", "aidline-restore");
    p.setProperty("connectTimeout", "5");
    try (Connection c = DriverManager.getConnection(cfg.db().strip(), p)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND application_name = 'aidline' AND pid <> pg_backend_pid()");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) > 0) {
          throw new StorageException("有 " + rs.getLong(1) + " 个 aidline 连接正在使用数据库 " + PostgresDialect.safeUrl(cfg.db())
              + "，请先停止所有节点（serve）再恢复", null);
        }
      }
      Set<String> out = new TreeSet<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StorageException("无法连接 PostgreSQL " + PostgresDialect.safeUrl(cfg.db()) + ": "
          + PostgresOpener.reason(e, cfg.password()), e);
    }
  }

  private int tablesIn(Path dump) {
    return tableNames(tool("pg_restore").orElse(null), dump).size();
  }

  /** The tables whose data the archive holds, from its table of contents. */
  private Set<String> tableNames(Path pgRestore, Path dump) {
    Set<String> out = new TreeSet<>();
    if (pgRestore == null) {
      return out;
    }
    String list = run(List.of(pgRestore.toString(), "--list", dump.toString()), "读取备份目录");
    for (String line : list.split("\n")) {
      // e.g. "3412; 0 16390 TABLE DATA public ticket postgres"
      int at = line.indexOf(" TABLE DATA ");
      if (!line.startsWith(";") && at >= 0) {
        String[] rest = line.substring(at + " TABLE DATA ".length()).trim().split("\\s+");
        if (rest.length >= 2) {
          out.add(rest[1]);
        }
      }
    }
    return out;
  }

  private String run(List<String> command, String what) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(environment());
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      if (code != 0) {
        String shown = out.lines().limit(5).reduce((a, b) -> a + "\n" + b).orElse("");
        if (cfg.password() != null && cfg.password().length() >= 3) {
          shown = shown.replace(cfg.password(), "***");
        }
        throw new StorageException(what + "失败（" + Path.of(command.get(0)).getFileName() + " 退出码 " + code + "）: " + shown, null);
      }
      return out;
    } catch (IOException e) {
      throw new StorageException(what + "失败：无法运行 " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(what + "被中断", e);
    }
  }

  /** The connection for libpq: host, port, database, user and password; nothing on the command line. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PGHOST", target.host());
    env.put("PGPORT", Integer.toString(target.port()));
    env.put("PGDATABASE", target.database());
    // the URL may carry them as parameters too; the configured ones win, as with the driver
    target.params().entrySet().stream().filter(e -> e.getKey().equals("user")).forEach(e -> env.put("PGUSER", e.getValue()));
    target.params().entrySet().stream().filter(e -> e.getKey().equals("password")).forEach(e -> env.put("PGPASSWORD", e.getValue()));
    if (cfg.user() != null && !cfg.user().isBlank()) {
      env.put("PGUSER", cfg.user());
    }
    if (cfg.password() != null && !cfg.password().isEmpty()) {
      env.put("PGPASSWORD", cfg.password());
    }
    String ssl = target.params().get("sslmode");
    if (ssl != null) {
      env.put("PGSSLMODE", ssl);
    }
    env.put("PGCONNECT_TIMEOUT", "10");
    env.put("PGAPPNAME", "aidline-backup");
    return env;
  }

  private StorageException missing(String tool, String command) {
    String user = cfg.user() == null || cfg.user().isBlank() ? "" : " PGUSER=" + cfg.user();
    return new StorageException("找不到 " + tool + "（PATH 与 " + DEBIAN_ROOT + "/*/bin 中都没有；Debian: apt-get install postgresql-client），"
        + "请在装有它的机器上执行：PGHOST=" + target.host() + " PGPORT=" + target.port() + " PGDATABASE=" + target.database() + user
        + " PGPASSWORD=<密码> " + command, null);
  }

  /** The newest versioned Debian tool, else the one on PATH: pg_dump must not be older than the server. */
  public static Optional<Path> tool(String name) {
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(DEBIAN_ROOT)) {
      try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
        versions.filter(d -> d.getFileName().toString().matches("\\d+"))
            .sorted(Comparator.comparingInt((Path d) -> Integer.parseInt(d.getFileName().toString())).reversed())
            .forEach(d -> candidates.add(d.resolve("bin").resolve(name)));
      } catch (IOException ignored) {
        // fall through to PATH
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        if (!d.isBlank()) {
          candidates.add(Path.of(d).resolve(name));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  static Target parse(String url) {
    String u = url.strip();
    if (!PostgresDialect.accepts(u)) {
      throw new StorageException("不是 PostgreSQL 地址: " + PostgresDialect.safeUrl(u), null);
    }
    URI uri = URI.create("postgresql://" + u.substring(PostgresDialect.URL_PREFIX.length()));
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          params.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return new Target(host, port, db, params);
  }
}
