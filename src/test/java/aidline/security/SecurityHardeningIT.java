package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.app.Application;
import aidline.config.AppConfig;
import aidline.testing.ClassDatabases;
import aidline.testing.Engine;
import aidline.testing.InProcessConfig;
import aidline.values.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 against the whole running app, over HTTP only (so the same test shows the findings on
 * the code before the fixes): login lockout, long passwords, cookies behind a trusted proxy,
 * response headers, CSRF binding, HEAD, self-disable, ticket field limits, body size.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("aidline.testing.TestDatabases#engines")
class SecurityHardeningIT {
  /** The engine of this run (the class runs once per engine; the application is started per run). */
  @Parameter Engine engine;
  static ClassDatabases dbs;
  static Application app;
  static String base;
  static HttpClient http;
  static String admin;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeParameterizedClassInvocation
  static void start(Engine engine) throws Exception {
    dbs = new ClassDatabases();
    Path dir = Files.createTempDirectory("aidline-sec");
    AppConfig config = InProcessConfig.load(dir, dbs.get().storage(engine), "security:\n  bcryptCost: 4\n  trustedProxies: [\"127.0.0.1\"]\n  loginPerMinutePerIp: 1000\n");
    app = new Application(config, Clock.systemUTC());
    app.auth().addUser("boss", Role.ADMIN, null, "boss-password-1".toCharArray(), "test");
    app.auth().addUser("victim", Role.OPERATOR, null, "victim-password-1".toCharArray(), "test");
    app.auth().addUser("racer", Role.OPERATOR, null, "racer-password-1".toCharArray(), "test");
    app.startHttp();
    base = "http://127.0.0.1:" + app.port();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    admin = login("boss", "boss-password-1", "198.51.100.12").path("token").asText();
  }

  @AfterParameterizedClassInvocation
  static void stop() throws Exception {
    if (app != null) {
      app.close();
      app = null;
    }
    dbs.close();
  }

  static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode login(String user, String password, String forwardedFor) throws Exception {
    String body = JSON.writeValueAsString(Map.of("username", user, "password", password));
    HttpResponse<String> r = forwardedFor == null
        ? send("POST", "/api/login", body, "Content-Type", "application/json")
        : send("POST", "/api/login", body, "Content-Type", "application/json", "X-Forwarded-For", forwardedFor);
    JsonNode n = JSON.readTree(r.body());
    ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("status", r.statusCode());
    return n;
  }

  @Test
  void h2ParallelWrongPasswordsLockTheAccountForThatAddress() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(15);
    List<Future<JsonNode>> all = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      all.add(pool.submit(() -> login("racer", "wrong-password", null)));
    }
    for (Future<JsonNode> f : all) {
      assertTrue(f.get().path("status").asInt() == 401 || f.get().path("status").asInt() == 429);
    }
    pool.shutdown();
    assertEquals(429, login("racer", "racer-password-1", null).path("status").asInt(),
        "after 15 parallel wrong guesses the right password must still be refused for a while");
  }

  @Test
  void m2UnknownAndKnownNamesGetTheSameRefusal() throws Exception {
    JsonNode known = null;
    JsonNode unknown = null;
    for (int i = 0; i < 8; i++) {
      known = login("victim", "wrong-" + i, "203.0.113.7");
      unknown = login("no-such-user", "wrong-" + i, "203.0.113.8");
    }
    assertEquals(known.path("status").asInt(), unknown.path("status").asInt());
    assertEquals(429, unknown.path("status").asInt(), unknown.toString());
    assertEquals(known.path("message").asText(), unknown.path("message").asText());
    // the stranger did not lock the owner out of another address
    assertEquals(200, login("victim", "victim-password-1", "198.51.100.1").path("status").asInt());
  }

  @Test
  void m3LongChinesePasswordsAreFineOverHttp() throws Exception {
    String pw = "我们家住在湖南省岳阳市华容县城关镇某某村第三组门牌号二十八号";
    HttpResponse<String> add = send("POST", "/api/admin/users",
        JSON.writeValueAsString(Map.of("username", "longpw", "role", "operator", "password", pw)),
        "Authorization", "Bearer " + admin, "Content-Type", "application/json");
    assertEquals(201, add.statusCode(), add.body());
    assertEquals(200, login("longpw", pw, "198.51.100.2").path("status").asInt());
    assertEquals(401, login("longpw", pw.substring(0, 25), "198.51.100.2").path("status").asInt());
    HttpResponse<String> huge = send("POST", "/api/admin/users",
        JSON.writeValueAsString(Map.of("username", "hugepw", "role", "operator", "password", "密".repeat(3000))),
        "Authorization", "Bearer " + admin, "Content-Type", "application/json");
    assertEquals(400, huge.statusCode(), huge.body());
  }

  @Test
  void l1SessionCookieIsSecureBehindATrustedTlsProxyOnly() throws Exception {
    String body = JSON.writeValueAsString(Map.of("username", "boss", "password", "boss-password-1"));
    HttpResponse<String> viaProxy = send("POST", "/api/console/session", body,
        "Content-Type", "application/json", "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.10");
    assertEquals(200, viaProxy.statusCode(), viaProxy.body());
    List<String> cookies = viaProxy.headers().allValues("Set-Cookie");
    assertTrue(cookies.stream().allMatch(c -> c.toLowerCase().contains("secure")), cookies.toString());
  }

  @Test
  void l2StudentAndExportAnswersAreNotCachedOrSniffed() throws Exception {
    for (String path : List.of("/api/students/110101199003074514", "/api/tickets/export.csv", "/api/tickets")) {
      HttpResponse<String> r = send("GET", path, null, "Authorization", "Bearer " + admin);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"), path);
    }
  }

  @Test
  void l3TheChatPageHasACspAndCannotBeFramed() throws Exception {
    HttpResponse<String> r = send("GET", "/", null);
    assertEquals(200, r.statusCode());
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src"), csp);
    assertFalse(csp.contains("'unsafe-inline'") && csp.contains("script-src 'unsafe-inline'"), csp);
    assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
  }

  @Test
  void l4ACsrfCookieOfTheAttackersChoiceIsRefused() throws Exception {
    String body = JSON.writeValueAsString(Map.of("username", "boss", "password", "boss-password-1"));
    HttpResponse<String> session = send("POST", "/api/console/session", body, "Content-Type", "application/json",
        "X-Forwarded-For", "198.51.100.11");
    String token = session.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(AccessControl.SESSION_COOKIE + "="))
        .findFirst().orElseThrow().split(";")[0].substring(AccessControl.SESSION_COOKIE.length() + 1);
    String create = JSON.writeValueAsString(Map.of("username", "planted", "role", "admin", "password", "planted-password-1"));
    HttpResponse<String> planted = send("POST", "/api/admin/users", create, "Content-Type", "application/json",
        "Cookie", AccessControl.SESSION_COOKIE + "=" + token + "; " + AccessControl.CSRF_COOKIE + "=chosen",
        AccessControl.CSRF_HEADER, "chosen");
    assertEquals(403, planted.statusCode(), planted.body());
    String real = session.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(AccessControl.CSRF_COOKIE + "="))
        .findFirst().orElseThrow().split(";")[0].substring(AccessControl.CSRF_COOKIE.length() + 1);
    HttpResponse<String> ok = send("POST", "/api/admin/users", create.replace("planted", "genuine"), "Content-Type", "application/json",
        "Cookie", AccessControl.SESSION_COOKIE + "=" + token + "; " + AccessControl.CSRF_COOKIE + "=" + real,
        AccessControl.CSRF_HEADER, real);
    assertEquals(201, ok.statusCode(), ok.body());
  }

  @Test
  void l5HeadOnProtectedRoutesNeedsTheSameLoginAsGet() throws Exception {
    for (String path : List.of("/api/tickets", "/api/students/110101199003074514", "/api/admin/users", "/api/tickets/export.csv")) {
      assertEquals(401, send("HEAD", path, null).statusCode(), path);
    }
    assertEquals(200, send("HEAD", "/health", null).statusCode());
  }

  @Test
  void anAdminCannotDisableItself() throws Exception {
    // its own admin, so that on the vulnerable code the other tests keep theirs
    app.auth().addUser("selfish", Role.ADMIN, null, "selfish-password-1".toCharArray(), "test");
    String own = login("selfish", "selfish-password-1", "198.51.100.13").path("token").asText();
    HttpResponse<String> r = send("POST", "/api/admin/users/selfish/disable", null, "Authorization", "Bearer " + own);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(JSON.readTree(r.body()).path("message").asText().contains("自己"));
    assertEquals(200, send("GET", "/api/me", null, "Authorization", "Bearer " + own).statusCode());
  }

  @Test
  void ticketFieldsHaveLengthLimitsWithChineseErrors() throws Exception {
    String longName = JSON.writeValueAsString(Map.of("channel", "hotline", "callerName", "张".repeat(500),
        "callerPhone", "13800000000", "region", "岳阳", "category", "other", "description", "咨询"));
    HttpResponse<String> r = send("POST", "/api/tickets", longName, "Authorization", "Bearer " + admin, "Content-Type", "application/json");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(JSON.readTree(r.body()).path("message").asText().contains("姓名"), r.body());
    String ok = longName.replace("张".repeat(500), "张三");
    JsonNode t = JSON.readTree(send("POST", "/api/tickets", ok, "Authorization", "Bearer " + admin, "Content-Type", "application/json").body());
    String action = JSON.writeValueAsString(Map.of("action", "dispatch", "department", "部".repeat(500)));
    HttpResponse<String> a = send("POST", "/api/tickets/" + t.path("ticketNo").asText() + "/actions", action,
        "Authorization", "Bearer " + admin, "Content-Type", "application/json");
    assertEquals(400, a.statusCode(), a.body());
  }

  @Test
  void anOversizedChatBodyIs413() throws Exception {
    String body = "{\"user\":\"u1\",\"text\":\"" + "补".repeat(420_000) + "\"}";
    HttpResponse<String> r = send("POST", "/api/chat", body, "Content-Type", "application/json");
    assertEquals(413, r.statusCode(), r.body().length() > 200 ? r.body().substring(0, 200) : r.body());
    assertNotEquals(-1, r.body().indexOf("过大"));
  }
}
