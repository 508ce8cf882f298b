package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class AccessControlRouteTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  final ObjectMapper json = Json.mapper();

  /** Probe routes, one per role, so the check is tested independently of any feature. */
  static final class Probes implements RouteModule {
    @Override
    public void routes(RoutesConfig routes) {
      routes.get("/probe/public", ctx -> ctx.result("ok"));
      routes.get("/probe/operator", ctx -> ctx.result(CurrentUser.actor(ctx)), RequiredRole.OPERATOR);
      routes.get("/probe/staff", ctx -> ctx.result("ok"), RequiredRole.STAFF);
      routes.get("/probe/admin", ctx -> ctx.result("ok"), RequiredRole.ADMIN);
      routes.post("/api/chat", ctx -> ctx.result("{}"));
    }
  }

  @Test
  void roleMatrixLoginAndRateLimits() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    try (Database db = dbs.open(engine)) {
      AuditLog audit = new AuditLog(db, clock);
      AuthService auth = new AuthService(new UserStore(db), new PasswordHasher(4), new LoginPolicy(5, Duration.ofMinutes(15)),
          Duration.ofHours(12), audit, clock);
      for (Role r : Role.values()) {
        auth.addUser(RoleNames.wire(r), r, null, "password-123".toCharArray(), "test");
      }
      Javalin app = HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), json, new Metrics(),
          new Health(db::reachable, () -> 0, "t"),
          List.of(new AccessControl(auth, new RateLimiter(5, clock), new RateLimiter(3, clock), json),
              new SessionRoutes(auth, new RateLimiter(20, clock), json),
              new AdminRoutes(auth, audit, json), new Probes()));
      JavalinTest.test(app, (server, client) -> {
        Map<String, String> tokens = new java.util.HashMap<>();
        for (Role r : Role.values()) {
          Response res = client.post("/api/login", Map.of("username", RoleNames.wire(r), "password", "password-123"));
          assertEquals(200, res.code());
          tokens.put(RoleNames.wire(r), json.readTree(res.body().string()).get("token").asText());
        }
        String[] callers = {null, "operator", "staff", "admin"};
        Map<String, int[]> expected = Map.of(
            "/probe/public", new int[] {200, 200, 200, 200},
            "/probe/operator", new int[] {401, 200, 200, 200},
            "/probe/staff", new int[] {401, 403, 200, 200},
            "/probe/admin", new int[] {401, 403, 403, 200},
            "/api/admin/users", new int[] {401, 403, 403, 200},
            "/api/admin/audit", new int[] {401, 403, 403, 200},
            "/api/me", new int[] {401, 200, 200, 200});
        for (var e : expected.entrySet()) {
          for (int i = 0; i < callers.length; i++) {
            String token = callers[i] == null ? null : tokens.get(callers[i]);
            Response res = get(client, e.getKey(), token);
            String body = res.body().string();
            assertEquals(e.getValue()[i], res.code(), e.getKey() + " as " + callers[i] + ": " + body);
            if (res.code() >= 400) {
              assertTrue(json.readTree(body).get("message").asText().matches(".*\\p{IsHan}.*"), body);
            }
          }
        }
        assertEquals("operator", get(client, "/probe/operator", tokens.get("operator")).body().string());
        assertEquals(401, get(client, "/probe/operator", "forged-token").code());

        Response bad = client.post("/api/login", Map.of("username", "operator", "password", "wrong"));
        assertEquals(401, bad.code());
        assertTrue(bad.body().string().contains("用户名或密码错误"));

        int limited = 0;
        for (int i = 0; i < 5; i++) {
          Response r = client.post("/api/chat", Map.of("user", "u1", "text", "你好"));
          if (r.code() == 429) {
            limited++;
            assertNotNull(r.headers().get("Retry-After"));
            assertEquals(1, r.headers().get("Retry-After").size());
          }
        }
        assertEquals(2, limited, "per-user limit of 3 per minute");
      });
    }
  }

  private static Response get(HttpClient client, String path, String token) {
    return client.get(path, b -> {
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
    });
  }
}
