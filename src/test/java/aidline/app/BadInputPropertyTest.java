package aidline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.testing.InProcessConfig;
import aidline.values.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Garbage at every door of the running app: random and mutated bodies and parameters must give a
 * 4xx with a Chinese message (or a sensible 2xx), never a 5xx or a hang, and rejected writes change
 * nothing. Tries are bounded so the run stays short; the counts are printed.
 */
class BadInputPropertyTest {
  static Application app;
  static HttpClient http;
  static String base;
  static String token;
  static Path dir;
  static final ObjectMapper JSON = Json.mapper();
  static final AtomicInteger TRIED = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("aidline-fuzz");
    AppConfig config = InProcessConfig.load(dir, "a.db", "security:\n  bcryptCost: 4\n  chatPerMinutePerUser: 100000\n  chatPerMinutePerIp: 100000\n"
        + "  loginPerMinutePerIp: 100000\nserver:\n  maxBodyBytes: 65536\n");
    app = new Application(config, Clock.systemDefaultZone());
    app.auth().addUser("fuzzer", Role.STAFF, null, "fuzz-password-1".toCharArray(), "test");
    token = app.auth().login("fuzzer", "fuzz-password-1".toCharArray(), "127.0.0.1").token();
    app.startHttp();
    base = "http://127.0.0.1:" + app.port();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterContainer
  static void stop() {
    System.err.println("BadInputPropertyTest: " + TRIED.get() + " inputs tried");
    app.close();
  }

  static HttpResponse<String> send(String method, String path, String body, String contentType) throws Exception {
    TRIED.incrementAndGet();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpRequest req = b.build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException staleConnection) {
      // Jetty closes a connection after answering a malformed request; the client may have picked
      // that pooled connection for this request before it saw the close. One fresh try is what any
      // HTTP client does; a server that really failed fails again.
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Never a 5xx; every error has a JSON body with a Chinese message. */
  static void assertClean(HttpResponse<String> res, String input) throws Exception {
    assertTrue(res.statusCode() < 500, res.statusCode() + " for " + abbreviate(input) + ": " + res.body());
    if (res.statusCode() >= 400) {
      JsonNode err = JSON.readTree(res.body());
      assertTrue(err.path("message").asText().matches("(?s).*\\p{IsHan}.*"), res.body());
      assertTrue(!res.body().contains("Exception") && !res.body().contains("\tat "), "no stack trace: " + res.body());
    }
  }

  static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  static long ticketCount() {
    return app.database().withConnection(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM ticket")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withChars("*:\"\\()[]{}~^?!&|+-/ 　的岳阳补助").ofMaxLength(60),
        Arbitraries.of("*:*", "\"", "\\", "a AND (", "title:[* TO *]", "<script>alert(1)</script>", "' OR 1=1 --",
            "\u0000\u0001", "\u007f", "\u200b\u200e", "\ud800", "😀😀", "９９９", "null", "[]", "{}", "岳陽市寄宿生補助", "x".repeat(5000)));
  }

  @Provide
  Arbitrary<String> ticketBodies() {
    Arbitrary<Object> value = Arbitraries.oneOf(nasty().map(s -> (Object) s), Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.just(null), Arbitraries.just(Map.of("x", 1)), Arbitraries.just(java.util.List.of(1, 2)),
        Arbitraries.of("hotline", "wechat", "13912345678", "岳阳", "华容", "aid_not_received", "other", "110101199003074514"));
    Arbitrary<String> key = Arbitraries.of("channel", "callerName", "callerPhone", "region", "studentId", "category", "description", "extra");
    return Combinators.combine(Arbitraries.maps(key, value).ofMaxSize(8), Arbitraries.integers().between(0, 9))
        .as((m, mode) -> {
          try {
            String json = JSON.writeValueAsString(m);
            return switch (mode) {
              case 0 -> json.substring(0, json.length() / 2); // truncated
              case 1 -> "[" + json + "]";
              case 2 -> "\"" + json + "\"";
              default -> json;
            };
          } catch (Exception e) {
            return "{";
          }
        });
  }

  @Property(tries = 150)
  void ticketCreateNeverFailsServerSide(@ForAll("ticketBodies") String body) throws Exception {
    long before = ticketCount();
    HttpResponse<String> res = send("POST", "/api/tickets", body, "application/json");
    assertClean(res, body);
    if (res.statusCode() >= 400) {
      assertEquals(before, ticketCount(), "a rejected create stored nothing");
    }
  }

  @Property(tries = 120)
  void searchParametersAreText(@ForAll("nasty") String q, @ForAll("nasty") String region) throws Exception {
    String path = "/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&region="
        + URLEncoder.encode(region, StandardCharsets.UTF_8) + "&limit=" + URLEncoder.encode(region, StandardCharsets.UTF_8);
    assertClean(send("GET", path, null, null), q + " / " + region);
  }

  @Property(tries = 80)
  void ticketListFiltersAndActionsRejectGarbage(@ForAll("nasty") String v) throws Exception {
    String e = URLEncoder.encode(v, StandardCharsets.UTF_8);
    assertClean(send("GET", "/api/tickets?status=" + e + "&category=" + e + "&page=" + e + "&q=" + e, null, null), v);
    assertClean(send("POST", "/api/tickets/" + e + "/actions", "{\"action\":" + JSON.writeValueAsString(v) + "}", "application/json"), v);
  }

  @Property(tries = 60)
  void loginRejectsGarbage(@ForAll("nasty") String v) throws Exception {
    assertClean(send("POST", "/api/login", v, "application/json"), v);
    assertClean(send("POST", "/api/login", "{\"username\":" + JSON.writeValueAsString(v) + ",\"password\":1}", "application/json"), v);
  }

  @Property(tries = 5)
  void oversizedBodiesAreRefused(@ForAll("nasty") String v) throws Exception {
    String huge = "{\"description\":\"" + "补".repeat(70_000) + v.replace("\"", "") + "\"}";
    long before = ticketCount();
    HttpResponse<String> res = send("POST", "/api/tickets", huge, "application/json");
    assertTrue(res.statusCode() == 413 || res.statusCode() == 400, res.statusCode() + " " + abbreviate(res.body()));
    assertEquals(before, ticketCount());
  }
}
