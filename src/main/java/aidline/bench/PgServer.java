package aidline.bench;

import aidline.storage.PostgresBackup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL server the benchmark uses: the one {@code AIDLINE_BENCH_PG} names (a JDBC URL to
 * its maintenance database; user {@code AIDLINE_BENCH_PG_USER}, default postgres), else a throw-away
 * one started the way {@code scripts/with-postgres.sh} does — initdb in a temporary folder, a free
 * port on 127.0.0.1, as the {@code postgres} user when run as root — and removed afterwards.
 */
final class PgServer implements AutoCloseable {
  static final String ENV = "AIDLINE_BENCH_PG";

  private final String adminUrl;
  private final String user;
  private final Path bin;
  private final Path work;
  private final boolean root;
  private final String description;

  private PgServer(String adminUrl, String user, Path bin, Path work, boolean root, String description) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.bin = bin;
    this.work = work;
    this.root = root;
    this.description = description;
  }

  /** The server, or empty when none is named and no PostgreSQL binaries are installed. */
  static Optional<PgServer> provide() throws IOException, InterruptedException {
    String named = System.getenv(ENV);
    String namedUser = System.getenv(ENV + "_USER");
    String user = namedUser == null || namedUser.isBlank() ? "postgres" : namedUser;
    if (named != null && !named.isBlank()) {
      return Optional.of(new PgServer(named.strip(), user, null, null, false, "server from " + ENV));
    }
    Optional<Path> bin = binaries();
    if (bin.isEmpty()) {
      return Optional.empty();
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path work = Files.createTempDirectory("aidline-bench-pg");
    Path data = work.resolve("data");
    Files.createDirectories(data);
    if (root) {
      exec(List.of("chown", "-R", "postgres:", work.toString()), false);
      exec(List.of("chmod", "755", work.toString()), false);
    }
    int port = StartupScenario.freePort();
    String pgUser = root ? "postgres" : System.getProperty("user.name");
    exec(List.of(bin.get().resolve("initdb").toString(), "-D", data.toString(), "-U", pgUser, "-A", "trust", "-E", "UTF8",
        "--locale=C.UTF-8"), root);
    exec(List.of(bin.get().resolve("pg_ctl").toString(), "-D", data.toString(), "-l", work.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + work + " -c max_connections=100 -c shared_buffers=128MB", "start"), root);
    String version = Files.readString(data.resolve("PG_VERSION")).strip();
    return Optional.of(new PgServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", pgUser, bin.get(), work, root,
        "throw-away PostgreSQL " + version + " (initdb, fsync on, shared_buffers 128MB, defaults otherwise)"));
  }

  /** The folder of the newest server binaries: where the backup command finds its tools, holding pg_ctl too. */
  static Optional<Path> binaries() {
    return PostgresBackup.tool("initdb").map(Path::getParent).filter(b -> Files.isExecutable(b.resolve("pg_ctl")));
  }

  String description() {
    return description;
  }

  String user() {
    return user;
  }

  /** A new empty database on the server, by URL. */
  String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + name);
    }
    return withDatabase(name);
  }

  void dropDatabase(String name) {
    try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // a throw-away server goes anyway; a named one keeps a bench_ database
    }
  }

  String withDatabase(String name) {
    int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
    int q = adminUrl.indexOf('?');
    return adminUrl.substring(0, slash) + "/" + name + (q < 0 ? "" : adminUrl.substring(q));
  }

  /** Commits in the database and WAL syncs of the whole server so far. */
  record Counters(long commits, long walSyncs, long walWrites) {}

  Counters counters(String database) {
    try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement st = c.createStatement()) {
      long commits = 0;
      try (ResultSet rs = st.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = '" + database.replace("'", "") + "'")) {
        if (rs.next()) {
          commits = rs.getLong(1);
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT wal_sync, wal_write FROM pg_stat_wal")) {
        rs.next();
        return new Counters(commits, rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      return new Counters(-1, -1, -1);
    }
  }

  /** CPU ticks of the server's processes, or -1 for a server this benchmark did not start. */
  long cpuTicks() {
    if (work == null) {
      return -1;
    }
    try {
      long pid = Long.parseLong(Files.readAllLines(work.resolve("data").resolve("postmaster.pid")).get(0).strip());
      return ProcCpu.ticksWithChildren(pid);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (work == null) {
      return;
    }
    try {
      exec(List.of(bin.resolve("pg_ctl").toString(), "-D", work.resolve("data").toString(), "-m", "immediate", "-w", "stop"), root);
    } catch (IOException | InterruptedException ignored) {
      // removed below either way
    }
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }

  private static void exec(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    // to a file, not a pipe: the server pg_ctl starts must not hold our pipe open
    Path log = Files.createTempFile("aidline-bench-pg", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
