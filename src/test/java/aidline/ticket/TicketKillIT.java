package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.testing.ChildServer;
import aidline.testing.Engine;
import aidline.testing.TestAccounts;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Durability as a user would see it, on either engine: the real {@code serve} in a child JVM takes creates from 200
 * concurrent clients, is killed with SIGKILL while 200 are in flight, is started again on the same database,
 * and every order that was acknowledged (HTTP 201 received) is there exactly once.
 */
class TicketKillIT {
  /** Concurrent clients, each creating orders one after another until the server dies. */
  static final int STREAMS = 200;
  /** Kill once this many acknowledgements have arrived; by then all 200 clients are mid-request. */
  static final int KILL_AFTER = 300;

  @TempDir Path dir;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void everyAcknowledgedOrderSurvivesKill9ExactlyOnce(Engine engine) throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb"));
    Files.copy(Path.of("knowledge-base/regions.yaml"), kb.resolve("regions.yaml"));
    AppConfig.Storage db = engine == Engine.SQLITE
        ? new AppConfig.Storage(dir.resolve("db/aidline.db").toString(), "FULL", 5000) : dbs.storage(engine);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    String token = TestAccounts.token(db, Role.STAFF);
    int port = freePort();
    Process server = start(port, db, kb, "run1.log");
    Map<String, String> acked = new ConcurrentHashMap<>(); // phone -> ticketNo
    try {
      awaitHealth(http, port, server, "run1.log");
      CountDownLatch enough = new CountDownLatch(KILL_AFTER);
      AtomicInteger lostInFlight = new AtomicInteger();
      List<CompletableFuture<Void>> streams = new ArrayList<>();
      for (int s = 0; s < STREAMS; s++) {
        streams.add(stream(http, port, token, s, 0, acked, enough, lostInFlight));
      }
      assertTrue(enough.await(180, TimeUnit.SECONDS), "server acknowledged fewer than " + KILL_AFTER + " orders: " + log("run1.log"));
      server.destroyForcibly(); // SIGKILL while every stream has a create outstanding: no shutdown hook, no flush
      server.waitFor(30, TimeUnit.SECONDS);
      CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).join();
      assertTrue(lostInFlight.get() > 0, "the kill should catch creates in flight");
      System.err.println("TicketKillIT " + engine + ": " + acked.size() + " acknowledged, " + lostInFlight.get() + " in flight at kill -9");
    } finally {
      server.destroyForcibly();
    }
    Map<String, String> ackedAtKill = new HashMap<>(acked);

    int port2 = freePort();
    Process again = start(port2, db, kb, "run2.log");
    try {
      awaitHealth(http, port2, again, "run2.log");
      List<String> numbers = new ArrayList<>();
      Map<String, Integer> perCaller = new HashMap<>();
      int total;
      int pageNo = 1;
      do {
        JsonNode page = Json.mapper().readTree(get(http, port2, "/api/tickets?size=200&page=" + pageNo++, token).body());
        total = page.get("total").asInt();
        for (JsonNode item : page.get("items")) {
          numbers.add(item.get("ticketNo").asText());
          perCaller.merge(item.get("callerName").asText(), 1, Integer::sum);
        }
      } while (numbers.size() < total);
      assertEquals(total, numbers.size());
      assertEquals(numbers.size(), new HashSet<>(numbers).size(), "numbers unique");
      assertTrue(perCaller.values().stream().allMatch(n -> n == 1), "no order stored twice: " + perCaller);
      Set<String> stored = new HashSet<>(numbers);
      for (Map.Entry<String, String> e : ackedAtKill.entrySet()) {
        assertTrue(stored.contains(e.getValue()), "acknowledged order lost: " + e);
        JsonNode one = Json.mapper().readTree(get(http, port2, "/api/tickets/" + e.getValue(), token).body());
        assertEquals(e.getKey(), one.get("callerPhone").asText(), "stored under the acknowledged number");
      }
      assertTrue(numbers.size() >= ackedAtKill.size());
      // the restarted server keeps numbering after the survivors
      HttpResponse<String> next = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port2 + "/api/tickets"))
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"channel\":\"hotline\",\"callerName\":\"重启后\",\"callerPhone\":\"13700000000\",\"region\":\"岳阳\",\"category\":\"other\",\"description\":\"重启后第一单\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(201, next.statusCode(), next.body());
      assertTrue(!stored.contains(ticketNo(next.body())), next.body());
    } finally {
      again.destroy();
      again.waitFor(20, TimeUnit.SECONDS);
      again.destroyForcibly();
    }
  }

  /** One client: creates order {@code seq}, and on its 201 the next, until a request fails. */
  private static CompletableFuture<Void> stream(
      HttpClient http, int port, String token, int s, int seq, Map<String, String> acked, CountDownLatch enough, AtomicInteger lost) {
    String phone = String.format("139%03d%05d", s, seq);
    String body = """
        {"channel":"hotline","callerName":"来电人%d-%d","callerPhone":"%s","region":"岳阳","category":"other","description":"第%d单"}"""
        .formatted(s, seq, phone, seq);
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tickets"))
        .timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
        .handle((res, err) -> {
          if (err != null || res.statusCode() != 201) {
            lost.incrementAndGet(); // not acknowledged: may or may not be stored, never twice
            return CompletableFuture.<Void>completedFuture(null);
          }
          acked.put(phone, ticketNo(res.body()));
          enough.countDown();
          return stream(http, port, token, s, seq + 1, acked, enough, lost);
        })
        .thenCompose(f -> f);
  }

  private static String ticketNo(String body) {
    try {
      return Json.mapper().readTree(body).get("ticketNo").asText();
    } catch (IOException e) {
      throw new IllegalStateException(body, e);
    }
  }

  private Process start(int port, AppConfig.Storage db, Path kb, String logName) throws IOException {
    return ChildServer.serve(port, db, kb, dir.resolve(logName), Map.of());
  }

  private void awaitHealth(HttpClient http, int port, Process p, String logName) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        if (get(http, port, "/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("server never became healthy: " + log(logName));
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return get(http, port, path, null);
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(
        b.build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String log(String name) throws IOException {
    Path f = dir.resolve(name);
    return Files.exists(f) ? Files.readString(f) : "(no log)";
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
