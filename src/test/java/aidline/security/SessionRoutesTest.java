package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** One login path behind two doors: the API token and the console's cookie session. */
@ParameterizedClass
@EnumSource(Engine.class)
class SessionRoutesTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  final ObjectMapper json = Json.mapper();

  @Test
  void bothDoorsShareLockoutAndRateLimitAndTheConsoleGetsCookiesWithCsrf() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    try (Database db = dbs.open(engine)) {
      AuthService auth = new AuthService(new UserStore(db), new PasswordHasher(4), new LoginPolicy(5, Duration.ofMinutes(15)),
          Duration.ofHours(12), new AuditLog(db, clock), clock);
      auth.addUser("operator", Role.OPERATOR, null, "password-123".toCharArray(), "test");
      auth.addUser("staff", Role.STAFF, null, "password-123".toCharArray(), "test");
      Javalin app = HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), json, new Metrics(),
          new Health(db::reachable, () -> 0, "t"),
          List.of(new AccessControl(auth, new RateLimiter(50, clock), new RateLimiter(50, clock), json),
              new SessionRoutes(auth, new RateLimiter(7, clock), json)));
      JavalinTest.test(app, (server, client) -> {
        Response console = client.post("/api/console/session", Map.of("username", "staff", "password", "password-123"));
        assertEquals(200, console.code());
        List<String> setCookies = console.headers().get("Set-Cookie");
        String session = setCookies.stream().filter(c -> c.startsWith(AccessControl.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(session.contains("HttpOnly") && session.contains("SameSite=Strict"), session);
        String cookies = setCookies.stream().map(c -> c.substring(0, c.indexOf(';'))).collect(Collectors.joining("; "));
        assertTrue(cookies.contains(AccessControl.CSRF_COOKIE + "="), cookies);
        assertEquals(200, client.get("/api/me", b -> b.header("Cookie", cookies)).code());
        // a cookie-authenticated change without the CSRF header is refused
        assertEquals(403, client.post("/api/logout", "", b -> b.header("Cookie", cookies)).code());

        // failures at either door count towards one lockout: 2 + 3 = 5
        for (int i = 0; i < 2; i++) {
          assertEquals(401, client.post("/api/login", Map.of("username", "operator", "password", "wrong")).code());
        }
        for (int i = 0; i < 2; i++) {
          assertEquals(401, client.post("/api/console/session", Map.of("username", "operator", "password", "wrong")).code());
        }
        assertEquals(429, client.post("/api/console/session", Map.of("username", "operator", "password", "wrong")).code());
        Response locked = client.post("/api/login", Map.of("username", "operator", "password", "password-123"));
        assertEquals(429, locked.code());
        assertTrue(locked.body().string().contains("account_locked"));
        // 7 attempts from this IP so far, across both doors: the budget is spent
        Response limited = client.post("/api/login", Map.of("username", "staff", "password", "password-123"));
        assertEquals(429, limited.code());
        assertTrue(limited.body().string().contains("rate_limited"));

        // the console's logout is the same as the API's: the token stops working
        assertEquals(204, client.post("/api/console/logout", "", b -> b.header("Cookie", cookies)).code());
        assertEquals(401, client.get("/api/me", b -> b.header("Cookie", cookies)).code());
      });
    }
  }
}
