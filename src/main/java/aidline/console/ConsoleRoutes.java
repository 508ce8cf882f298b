package aidline.console;

import aidline.http.JsonBody;
import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import aidline.security.AccessControl;
import aidline.security.AuthService;
import aidline.security.RateLimiter;
import aidline.security.RoleNames;
import aidline.security.SecurityException;
import aidline.values.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The operator/staff console: static pages from the classpath and a cookie session for them. The
 * session cookie carries the same login token as the API (HttpOnly, SameSite=Strict); changes are
 * CSRF-checked in {@link AccessControl}.
 */
public final class ConsoleRoutes implements RouteModule {
  private static final Map<String, String> ASSETS = Map.of(
      "app.js", "text/javascript; charset=utf-8",
      "tickets.js", "text/javascript; charset=utf-8",
      "students.js", "text/javascript; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8");

  private final AuthService auth;
  private final RateLimiter loginPerIp;
  private final SecureRandom random = new SecureRandom();

  private final Dashboard dashboard;

  private final com.fasterxml.jackson.databind.ObjectMapper json;

  public ConsoleRoutes(AuthService auth, RateLimiter loginPerIp, Dashboard dashboard, com.fasterxml.jackson.databind.ObjectMapper json) {
    this.json = json;
    this.auth = auth;
    this.loginPerIp = loginPerIp;
    this.dashboard = dashboard;
  }

  record SessionRequest(String username, String password) {}

  @Override
  public void routes(RoutesConfig routes) {
    routes.get("/console", ctx -> page(ctx, "console/index.html"));
    routes.get("/console/", ctx -> ctx.redirect("/console"));
    routes.get("/console/assets/{name}", this::asset);
    routes.post("/api/console/session", this::login);
    routes.post("/api/console/logout", this::logout);
    routes.get("/api/reports/dashboard", ctx -> ctx.json(dashboard.figures(14)), RequiredRole.OPERATOR);
  }

  private void login(Context ctx) {
    loginPerIp.acquire("login:" + ctx.ip());
    SessionRequest req = JsonBody.read(ctx, json, SessionRequest.class);
    if (req == null || req.username() == null || req.password() == null) {
      throw new SecurityException.InvalidAccount("请输入用户名和密码");
    }
    AuthService.Login login = auth.login(req.username(), req.password().toCharArray(), ctx.ip());
    int maxAge = (int) Math.max(1, Duration.between(Instant.now(), login.expiresAt()).toSeconds());
    Cookie session = new Cookie(AccessControl.SESSION_COOKIE, login.token(), "/", maxAge, "https".equals(ctx.scheme()));
    session.setHttpOnly(true);
    session.setSameSite(SameSite.STRICT);
    ctx.cookie(session);
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    Cookie csrf = new Cookie(AccessControl.CSRF_COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "/", maxAge,
        "https".equals(ctx.scheme()));
    csrf.setSameSite(SameSite.STRICT);
    ctx.cookie(csrf);
    ctx.json(Map.of("username", login.user().username(), "role", RoleNames.wire(login.user().role()),
        "roleName", RoleNames.chinese(login.user().role())));
  }

  private void logout(Context ctx) {
    auth.logout(ctx.cookie(AccessControl.SESSION_COOKIE));
    ctx.removeCookie(AccessControl.SESSION_COOKIE, "/");
    ctx.removeCookie(AccessControl.CSRF_COOKIE, "/");
    ctx.status(204);
  }

  private void asset(Context ctx) {
    String name = ctx.pathParam("name");
    String type = ASSETS.get(name);
    if (type == null) {
      throw new io.javalin.http.NotFoundResponse();
    }
    ctx.contentType(type);
    ctx.header("Cache-Control", "no-cache");
    ctx.result(read("console/" + name));
  }

  private static void page(Context ctx, String resource) {
    ctx.contentType("text/html; charset=utf-8");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
    ctx.result(read(resource));
  }

  private static byte[] read(String resource) {
    try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new io.javalin.http.NotFoundResponse();
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("missing console resource " + resource, e);
    }
  }
}
