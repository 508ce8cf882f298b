package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.app.Application;
import aidline.config.AppConfig;
import aidline.http.RequiredRole;
import aidline.testing.Engine;
import aidline.testing.InProcessConfig;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the wired application × {anonymous, operator, staff, admin}: the roles each route
 * declares must be exactly the documented matrix below, and the one access check must answer 401
 * for anonymous callers of protected routes, 403 below the route's role, and let the rest through.
 */
class RoleMatrixIT {
  @TempDir Path dir;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  /** The documented matrix (README "Accounts, roles"): null = public. */
  static final Map<String, Role> MATRIX = new TreeMap<>();

  static {
    for (String r : List.of("GET /health", "GET /metrics", "GET /", "POST /api/chat", "GET /api/chat/history", "GET /wechat", "POST /wechat",
        "POST /api/login", "GET /console", "GET /console/", "GET /console/assets/{name}", "POST /api/console/session",
        "POST /api/console/logout", "GET /api/search")) {
      MATRIX.put(r, null);
    }
    for (String r : List.of("POST /api/logout", "GET /api/me", "GET /api/reports/dashboard", "POST /api/tickets", "GET /api/tickets",
        "GET /api/tickets/{ticketNo}", "POST /api/tickets/{ticketNo}/actions", "PATCH /api/tickets/{ticketNo}",
        "GET /api/console/settings")) {
      MATRIX.put(r, Role.OPERATOR);
    }
    for (String r : List.of("GET /api/tickets/export.csv", "GET /api/students/gaps", "POST /api/students/gaps/tickets",
        "POST /api/students/import", "GET /api/students/{id}", "POST /api/students/{id}/tickets")) {
      MATRIX.put(r, Role.STAFF);
    }
    for (String r : List.of("GET /api/admin/users", "POST /api/admin/users", "POST /api/admin/users/{username}/disable",
        "POST /api/admin/users/{username}/enable", "POST /api/admin/users/{username}/reset", "GET /api/admin/audit",
        "POST /api/admin/users/{username}/unlock", "POST /api/admin/users/{username}/role",
        "POST /api/admin/kb/reindex")) {
      MATRIX.put(r, Role.ADMIN);
    }
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void everyRouteAnswersEachRoleAsDocumented(Engine engine) throws Exception {
    AppConfig config = InProcessConfig.load(dir, dbs.storage(engine), "security:\n  bcryptCost: 4\n",
        Map.of("AIDLINE_WECHAT_TOKEN", "matrixtoken"));
    try (Application app = new Application(config, Clock.systemDefaultZone())) {
      Map<Role, String> tokens = new LinkedHashMap<>();
      for (Role r : Role.values()) {
        String name = "m-" + RoleNames.wire(r);
        app.auth().addUser(name, r, null, "matrix-password".toCharArray(), "test");
        tokens.put(r, app.auth().login(name, "matrix-password".toCharArray(), "127.0.0.1").token());
      }
      app.startHttp();
      String base = "http://127.0.0.1:" + app.port();

      Map<String, Role> declared = new TreeMap<>();
      List<ParsedEndpoint> endpoints = new ArrayList<>();
      for (ParsedEndpoint pe : app.http().unsafe.internalRouter.allHttpHandlers()) {
        HandlerType m = pe.endpoint.method;
        if (!List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE).contains(m)) {
          continue; // before/after filters and the access check itself
        }
        endpoints.add(pe);
        io.javalin.security.Roles roles = pe.endpoint.metadata(io.javalin.security.Roles.class);
        Role min = roles == null ? null : RequiredRole.lowest(roles.getRoles()).orElse(null);
        declared.put(m.name() + " " + pe.endpoint.path, min);
      }
      assertEquals(MATRIX, declared, "declared roles differ from the documented matrix");

      HttpClient http = HttpClient.newHttpClient();
      int checked = 0;
      for (ParsedEndpoint pe : endpoints) {
        String key = pe.endpoint.method.name() + " " + pe.endpoint.path;
        if (key.endsWith("/logout")) {
          continue; // would end the session the rest of the matrix uses; covered by AccessControlRouteTest
        }
        Role needed = MATRIX.get(key);
        String path = pe.endpoint.path.replace("{ticketNo}", "JY20990101-0001").replace("{id}", "110101199003074514")
            .replace("{username}", "nobody").replace("{name}", "app.js");
        for (Role caller : new Role[] {null, Role.OPERATOR, Role.STAFF, Role.ADMIN}) {
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
          if (caller != null) {
            b.header("Authorization", "Bearer " + tokens.get(caller));
          }
          b.method(pe.endpoint.method.name(), pe.endpoint.method == HandlerType.GET
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
          int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
          String who = caller == null ? "anonymous" : RoleNames.wire(caller);
          if (needed == null) {
            assertTrue(status != 401 && status != 403 || key.startsWith("POST /wechat") || key.startsWith("GET /wechat")
                || key.equals("POST /api/login") || key.equals("POST /api/console/session"), key + " as " + who + " → " + status);
          } else if (caller == null) {
            assertEquals(401, status, key + " as anonymous");
          } else if (!caller.includes(needed)) {
            assertEquals(403, status, key + " as " + who);
          } else {
            assertTrue(status != 401 && status != 403 && status < 500, key + " as " + who + " → " + status);
          }
          checked++;
        }
      }
      System.err.println("RoleMatrixIT: " + endpoints.size() + " routes, " + checked + " calls checked");
    }
  }
}
