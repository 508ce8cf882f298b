package aidline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.testing.ChildServer;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Starts the real {@code serve} command in a child JVM, as a user would, and calls /health. */
class ServeCommandIT {
  @TempDir Path dir;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void serveAnswersHealthAndStopsOnSigterm(Engine engine) throws Exception {
    int port = freePort();
    Path kb = Files.createDirectories(dir.resolve("kb"));
    AppConfig.Storage db = engine == Engine.SQLITE
        ? new AppConfig.Storage(dir.resolve("db/aidline.db").toString(), "FULL", 5000) : dbs.storage(engine);
    ProcessBuilder pb = new ProcessBuilder(childCommand("serve"));
    pb.environment().put("AIDLINE_PORT", Integer.toString(port));
    ChildServer.putDatabase(pb.environment(), db);
    pb.environment().put("AIDLINE_KB_DIR", kb.toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
    Process p = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> res = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        try {
          res = http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
          break;
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertTrue(res != null, "server never answered: " + Files.readString(dir.resolve("out.log")));
      assertEquals(200, res.statusCode());
      assertTrue(res.body().contains("\"database\":true"), res.body());
      assertTrue(res.body().contains("\"engine\":\"" + engine.name().toLowerCase() + "\""), res.body());
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not stop on SIGTERM");
      if (engine == Engine.SQLITE) {
        assertTrue(Files.exists(dir.resolve("db/aidline.db")));
      }
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void badPortStopsWithOneClearLine() throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb"));
    ProcessBuilder pb = new ProcessBuilder(childCommand("serve"));
    pb.environment().put("AIDLINE_PORT", "70000");
    pb.environment().put("AIDLINE_DB", dir.resolve("a.db").toString());
    pb.environment().put("AIDLINE_KB_DIR", kb.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(p.exitValue() != 0);
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.contains("AIDLINE_PORT") && out.contains("70000"), out);
  }

  /** The child runs the same classes the tests run, through the real Main. */
  static List<String> childCommand(String... args) {
    return ChildServer.command(args);
  }
}
