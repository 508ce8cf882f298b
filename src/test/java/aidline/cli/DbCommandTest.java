package aidline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** {@code aidline db status} and {@code db migrate} on both engines, and PostgreSQL start-up failures. */
class DbCommandTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  record Run(int code, String out, String err) {}

  Run run(Map<String, String> env, String... args) {
    CommandLine cl = AidlineCommand.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Map<String, String> env(AppConfig.Storage s) {
    Map<String, String> env = new HashMap<>();
    env.put("AIDLINE_DB", s.db());
    env.put("AIDLINE_DB_USER", s.user());
    env.put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
    return env;
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void statusListsPendingMigrationsUntilMigrateAppliesThem(Engine engine) {
    AppConfig.Storage storage = dbs.empty(engine);
    Map<String, String> env = env(storage);

    Run before = run(env, "db", "status");
    assertEquals(0, before.code(), before.err());
    assertTrue(before.out().startsWith(engine == Engine.SQLITE ? "sqlite " : "postgresql "), before.out());
    assertTrue(before.out().contains("tickets") && before.out().contains("Pending"), before.out());
    assertTrue(before.out().contains("个迁移尚未执行"), before.out());

    Run migrate = run(env, "db", "migrate");
    assertEquals(0, migrate.code(), migrate.err());
    assertTrue(migrate.out().contains("执行了 "), migrate.out());
    assertFalse(migrate.out().contains("执行了 0 个"), migrate.out());

    Run after = run(env, "db", "status");
    assertEquals(0, after.code(), after.err());
    assertTrue(after.out().contains("Success") && after.out().contains("全部迁移已执行"), after.out());
    assertFalse(after.out().contains("Pending"), after.out());
    assertTrue(after.out().lines().anyMatch(l -> l.startsWith("20 ") && l.contains("tickets")), after.out());

    Run again = run(env, "db", "migrate");
    assertTrue(again.out().contains("执行了 0 个迁移"), again.out());
  }

  @Test
  void aServerThatIsDownStopsAtOnceWithTheUrlButNeverThePassword() {
    Map<String, String> env = new HashMap<>();
    // a port nothing listens on: the connection is refused at once
    env.put("AIDLINE_DB", "jdbc:postgresql://127.0.0.1:1/aidline?password=url-secret-xyz");
    env.put("AIDLINE_DB_USER", "aidline");
    env.put("AIDLINE_DB_PASSWORD", "env-secret-xyz");
    env.put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
    long start = System.nanoTime();
    Run r = run(env, "db", "status");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().startsWith("无法连接 PostgreSQL jdbc:postgresql://127.0.0.1:1/aidline:"), r.err());
    assertFalse(r.err().contains("secret"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertTrue(millis < 15_000, "took " + millis + " ms");
  }

  @Test
  void aWrongPasswordIsRefusedWithTheSameMessage() {
    AppConfig.Storage pg = dbs.empty(Engine.POSTGRESQL);
    Map<String, String> env = env(pg);
    env.put("AIDLINE_DB_USER", "no_such_role_xyz");
    env.put("AIDLINE_DB_PASSWORD", "wrong-secret-xyz");
    Run r = run(env, "db", "status");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().startsWith("无法连接 PostgreSQL "), r.err());
    assertFalse(r.err().contains("wrong-secret"), r.err());
  }
}
