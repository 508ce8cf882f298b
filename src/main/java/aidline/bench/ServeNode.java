package aidline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A child {@code serve} process of this build on a free port, up once /health answers 200. */
final class ServeNode implements AutoCloseable {
  private static final Pattern WAITING = Pattern.compile("\"waiting\"\\s*:\\s*(\\d+)");
  private static final Pattern ACTIVE = Pattern.compile("\"active\"\\s*:\\s*(\\d+)");

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServeNode(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ServeNode start(List<String> javaCommand, List<String> args, Map<String, String> env, Path log) throws Exception {
    int port = StartupScenario.freePort();
    List<String> cmd = new ArrayList<>(javaCommand);
    cmd.addAll(args);
    cmd.add("serve");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("AIDLINE_PORT", Integer.toString(port));
    pb.environment().put("AIDLINE_HOST", "127.0.0.1");
    ServeNode node = new ServeNode(pb.start(), port, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!node.process.isAlive()) {
        throw new IllegalStateException("serve exited: " + Files.readString(log));
      }
      if (node.up()) {
        return node;
      }
      Thread.sleep(100);
    }
    node.close();
    throw new IllegalStateException("serve did not answer /health within 120 s: " + Files.readString(log));
  }

  /** /health's status and body; status 0 while nothing listens yet. */
  private HttpResponse<String> health() throws InterruptedException, IOException {
    return http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private boolean up() throws InterruptedException {
    try {
      return health().statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Pool connections in use and requests waiting for one, from /health; -1 when unreadable. */
  int[] pool() throws InterruptedException {
    String body;
    try {
      body = health().body();
    } catch (IOException e) {
      return new int[] {-1, -1};
    }
    Matcher w = WAITING.matcher(body);
    Matcher a = ACTIVE.matcher(body);
    return new int[] {a.find() ? Integer.parseInt(a.group(1)) : -1, w.find() ? Integer.parseInt(w.group(1)) : -1};
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
