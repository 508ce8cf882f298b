package aidline.cli;

import aidline.app.Application;
import aidline.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One start of the whole service on a scratch database and a free port, a health check and one
 * chat answer, then a clean stop. {@code mvn package} runs it under {@code -XX:ArchiveClassesAtExit}
 * so the JVM writes the class-data archive ({@code target/aidline.jsa}) that the {@code aidline}
 * launcher starts {@code serve} with: the classes a start loads are then mapped, not parsed and
 * verified again. The knowledge base's cache folder is the configured one, so the first real start
 * also finds its index and passage vectors ready.
 */
final class TrainingRun {
  private TrainingRun() {}

  static void run(AppConfig base) {
    Path dir;
    try {
      dir = Files.createTempDirectory("aidline-training");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AppConfig.Storage s = base.storage();
    AppConfig.Knowledge k = base.knowledge();
    AppConfig cfg = base.withStorage(new AppConfig.Storage(dir.resolve("training.db").toString(), s.synchronous(), s.busyTimeoutMillis()))
        .withServer(new AppConfig.Server("127.0.0.1", 0, base.server().maxBodyBytes(), 0))
        .withKnowledge(new AppConfig.Knowledge(k.dir(), false, k.cacheDir(), k.retrieval()));
    try (Application app = new Application(cfg, Clock.systemDefaultZone())) {
      app.startHttp();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String root = "http://127.0.0.1:" + app.port();
      send(http, HttpRequest.newBuilder(URI.create(root + "/health")).GET());
      send(http, HttpRequest.newBuilder(URI.create(root + "/api/chat")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"training\",\"text\":\"寄宿生生活补助一年多少钱\"}", StandardCharsets.UTF_8)));
    } finally {
      delete(dir);
    }
  }

  private static void send(HttpClient http, HttpRequest.Builder request) {
    try {
      HttpResponse<Void> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("training request " + r.request().uri() + " answered " + r.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a scratch folder under the temp dir: left for the OS to clean
    }
  }
}
