package aidline.testing;

import aidline.config.AppConfig;
import aidline.storage.Database;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh databases on each engine for one test: SQLite in a temporary folder, PostgreSQL as a new
 * database ({@code CREATE DATABASE t_<random>}) on the server named by {@code AIDLINE_TEST_PG} (a
 * JDBC URL to its {@code postgres} database; user {@code AIDLINE_TEST_PG_USER}, default postgres).
 * Register it per test ({@code @RegisterExtension final TestDatabases dbs = new TestDatabases();});
 * after each test it closes what it opened and drops the databases it created.
 *
 * <p>A PostgreSQL database is copied from a template migrated once per test run (Flyway then
 * finds every migration applied), so a test pays for CREATE DATABASE, not for the migrations.
 *
 * <p>Without {@code AIDLINE_TEST_PG} the PostgreSQL cases are skipped by an assumption naming the
 * variable, unless {@code AIDLINE_TEST_PG_REQUIRED=true}: then they fail, so CI never skips them
 * silently ({@code scripts/with-postgres.sh} sets both).
 */
public final class TestDatabases implements BeforeEachCallback, AfterEachCallback {
  public static final String PG_ENV = "AIDLINE_TEST_PG";
  public static final String PG_USER_ENV = "AIDLINE_TEST_PG_USER";
  public static final String PG_REQUIRED_ENV = "AIDLINE_TEST_PG_REQUIRED";

  private final Map<String, String> env;
  private final List<Database> opened = new ArrayList<>();
  private final List<String> created = new ArrayList<>();
  private Path tempDir;
  private ExtensionContext.Store runStore;

  public TestDatabases() {
    this(System.getenv());
  }

  TestDatabases(Map<String, String> env) {
    this.env = env;
  }

  /** Both engines, for {@code @MethodSource("aidline.testing.TestDatabases#engines")}. */
  public static Stream<Engine> engines() {
    return Stream.of(Engine.values());
  }

  /** A fresh, migrated database on the engine, closed (and on PostgreSQL dropped) after the test. */
  public Database open(Engine engine) {
    return open(storage(engine));
  }

  /** Another node on a database made by {@link #storage}: its own pool and writer. */
  public Database open(AppConfig.Storage storage) {
    Database db = Database.open(storage);
    opened.add(db);
    return db;
  }

  /**
   * The configuration of a fresh database on the engine, for several nodes on one database (open
   * it more than once). A PostgreSQL one may already be migrated (copied from the template).
   */
  public AppConfig.Storage storage(Engine engine) {
    return storage(engine, true);
  }

  /** The configuration of a fresh database with no schema at all, for migration tests. */
  public AppConfig.Storage empty(Engine engine) {
    return storage(engine, false);
  }

  private AppConfig.Storage storage(Engine engine, boolean fromTemplate) {
    return switch (engine) {
      case SQLITE -> new AppConfig.Storage(temp().resolve("t-" + UUID.randomUUID() + ".db").toString(), "FULL", 5000);
      case POSTGRESQL -> postgres(fromTemplate);
    };
  }

  /** True when a PostgreSQL test server is configured. */
  public boolean postgresAvailable() {
    String url = env.get(PG_ENV);
    return url != null && !url.isBlank();
  }

  private void requirePostgres() {
    if (!postgresAvailable()) {
      if ("true".equalsIgnoreCase(env.getOrDefault(PG_REQUIRED_ENV, ""))) {
        throw new AssertionError(PG_ENV + " is not set but " + PG_REQUIRED_ENV + "=true: the PostgreSQL case cannot run");
      }
      Assumptions.abort(PG_ENV + " is not set (a JDBC URL to a PostgreSQL server's postgres database): PostgreSQL case skipped");
    }
  }

  private AppConfig.Storage postgres(boolean fromTemplate) {
    requirePostgres();
    String admin = env.get(PG_ENV).strip();
    String template = runStore == null || !fromTemplate ? null
        : runStore.getOrComputeIfAbsent(Template.class, k -> new Template(admin, user()), Template.class).name;
    String name = createDatabase(admin, user(), template);
    created.add(name);
    return new AppConfig.Storage(withDatabase(admin, name), "FULL", 5000, 4, user(), "");
  }

  private static String createDatabase(String admin, String user, String template) {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(admin, user, "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    } catch (SQLException e) {
      throw new AssertionError("cannot create a test database on " + PG_ENV + ": " + e.getMessage(), e);
    }
    return name;
  }

  /** A migrated database to copy, made once per test run and dropped when the run ends. */
  private static final class Template implements AutoCloseable {
    final String name;
    private final String admin;
    private final String user;

    Template(String admin, String user) {
      this.admin = admin;
      this.user = user;
      this.name = createDatabase(admin, user, null);
      try (Database db = Database.open(new AppConfig.Storage(withDatabase(admin, name), "FULL", 5000, 2, user, ""))) {
        // migrated on open; closing releases every connection, as CREATE DATABASE … TEMPLATE requires
      }
    }

    @Override
    public void close() throws SQLException {
      try (Connection c = DriverManager.getConnection(admin, user, "");
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  private String user() {
    String u = env.get(PG_USER_ENV);
    return u == null || u.isBlank() ? "postgres" : u.strip();
  }

  /** The same server URL naming another database (query parameters kept). */
  static String withDatabase(String url, String database) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    String query = q < 0 ? "" : url.substring(q);
    int hostStart = "jdbc:postgresql://".length();
    int slash = base.indexOf('/', hostStart);
    String server = slash < 0 ? base : base.substring(0, slash);
    return server + "/" + database + query;
  }

  private Path temp() {
    if (tempDir == null) {
      try {
        tempDir = Files.createTempDirectory("aidline-db-");
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return tempDir;
  }

  /**
   * A class run per engine ({@code @ParameterizedClass} with an {@link Engine} field) is skipped
   * here, before its own {@code @BeforeEach}, so its {@code @AfterEach} never meets a half-made set-up.
   */
  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    runStore = context.getRoot().getStore(ExtensionContext.Namespace.create(TestDatabases.class));
    Object test = context.getRequiredTestInstance();
    for (Class<?> k = test.getClass(); k != null; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (f.getType() == Engine.class && !Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          if (f.get(test) == Engine.POSTGRESQL) {
            requirePostgres();
          }
        }
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
    if (!created.isEmpty()) {
      try (Connection c = DriverManager.getConnection(env.get(PG_ENV).strip(), user(), "");
          Statement st = c.createStatement()) {
        for (String name : created) {
          st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
      }
      created.clear();
    }
    if (tempDir != null) {
      try (Stream<Path> files = Files.walk(tempDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      tempDir = null;
    }
  }
}
