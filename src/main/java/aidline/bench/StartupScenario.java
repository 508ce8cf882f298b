package aidline.bench;

import aidline.knowledge.BgeEmbedder;
import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.Retrieval;
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

/**
 * Cold start of a real {@code serve} process to /health = 200, then heap and RSS after warm-up. The
 * knowledge base's cache folder is primed first (as after any earlier run), so the start measures a
 * restart that re-embeds nothing; the embedding model itself loads in the background.
 */
public final class StartupScenario implements Scenario {
  @Override
  public String name() {
    return "start-up";
  }

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    int runs = ctx.pick(3, 1);
    Path cache = ctx.workDir().resolve("kb-cache");
    Path kbDir = ctx.baseConfig().knowledge().dirPath().toAbsolutePath();
    try (KnowledgeBase primed = KnowledgeBase.open(kbDir, Retrieval.hybrid(
        new BgeEmbedder(Retrieval.QUERY_INSTRUCTION), cache))) {
      primed.passages();
    }
    long best = Long.MAX_VALUE;
    long rss = -1;
    for (int i = 0; i < runs; i++) {
      Path dir = Files.createTempDirectory(ctx.workDir(), "startup");
      int port = freePort();
      List<String> cmd = new ArrayList<>(ctx.javaCommand());
      cmd.add("serve");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
      pb.environment().put("AIDLINE_PORT", Integer.toString(port));
      pb.environment().put("AIDLINE_DB", dir.resolve("a.db").toString());
      pb.environment().put("AIDLINE_KB_DIR", kbDir.toString());
      pb.environment().put("AIDLINE_KB_CACHE_DIR", cache.toAbsolutePath().toString());
      pb.environment().put("AIDLINE_KB_WATCH", "false");
      long t0 = System.nanoTime();
      Process p = pb.start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        boolean up = false;
        while (!up && System.nanoTime() < deadline) {
          try {
            up = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } catch (IOException notYet) {
            Thread.sleep(20);
          }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!up) {
          return List.of(new Result(name(), "time to /health 200", "did not start", "≤ 4,000 ms", false,
              Files.readString(dir.resolve("out.log"))));
        }
        best = Math.min(best, ms);
        for (int k = 0; k < 200; k++) {
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
              HttpResponse.BodyHandlers.discarding());
        }
        rss = Machine.rssMiB(p.pid());
      } finally {
        p.destroy();
        p.waitFor(20, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
    }
    return List.of(
        Result.of(name(), "time to /health 200 (best of " + runs + ")", best, "ms", "≤ 4,000 ms", best <= 4000),
        Result.of(name(), "RSS after warm-up (empty DB)", rss, "MiB", "≤ 400 MiB (with 1M students: see students)", rss >= 0 && rss <= 400));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
