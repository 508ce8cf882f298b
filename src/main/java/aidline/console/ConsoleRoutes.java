package aidline.console;

import aidline.app.RouteModule;
import aidline.security.AccessControl;
import aidline.security.AuthService;
import aidline.security.RateLimiter;
import aidline.security.RoleNames;
import aidline.security.SecurityException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
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

  private final Dashboard dashboard;

  private final com.fasterxml.jackson.databind.ObjectMapper json;

  private final aidline.security.ClientAddress address;

  public ConsoleRoutes(AuthService auth, RateLimiter loginPerIp, Dashboard dashboard, com.fasterxml.jackson.databind.ObjectMapper json) {
    this(auth, loginPerIp, dashboard, json, aidline.security.ClientAddress.none());
  }

  /** @param address whose X-Forwarded-Proto/-For to believe (Secure cookies behind a TLS proxy) */
  public ConsoleRoutes(AuthService auth, RateLimiter loginPerIp, Dashboard dashboard, com.fasterxml.jackson.databind.ObjectMapper json,
      aidline.security.ClientAddress address) {
    this.address = address;
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
    routes.get("/api/reports/dashboard", ctx -> ctx.json(dashboard.figures(14)), aidline.security.Role.OPERATOR);
  }

  private void login(Context ctx) {
    String ip = address.ip(ctx);
    loginPerIp.acquire("login:" + ip);
    SessionRequest req = aidline.app.JsonBody.read(ctx, json, SessionRequest.class);
    if (req == null || req.username() == null || req.password() == null) {
      throw new SecurityException.InvalidAccount("请输入用户名和密码");
    }
    AuthService.Login login = auth.login(req.username(), req.password().toCharArray(), ip);
    int maxAge = (int) Math.max(1, Duration.between(Instant.now(), login.expiresAt()).toSeconds());
    boolean secure = address.secure(ctx);
    Cookie session = new Cookie(AccessControl.SESSION_COOKIE, login.token(), "/", maxAge, secure);
    session.setHttpOnly(true);
    session.setSameSite(SameSite.STRICT);
    ctx.cookie(session);
    // bound to the session: a planted cookie cannot be paired with a header of the planter's choice
    Cookie csrf = new Cookie(AccessControl.CSRF_COOKIE, AccessControl.csrfFor(login.token()), "/", maxAge, secure);
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
    ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
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
