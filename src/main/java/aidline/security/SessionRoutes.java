package aidline.security;

import aidline.http.JsonBody;
import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The one login and logout path, behind two doors: {@code /api/login} answers the token (API
 * clients send it as a bearer), {@code /api/console/session} puts the same token in the console's
 * HttpOnly SameSite=Strict cookie plus a CSRF cookie (checked by {@link AccessControl}). Both doors
 * share the per-IP rate limit, and {@link AuthService#login} does the lockout, audit and token.
 */
public final class SessionRoutes implements RouteModule {
  private final AuthService auth;
  private final RateLimiter loginPerIp;
  private final ObjectMapper json;
  private final ClientAddress address;

  public SessionRoutes(AuthService auth, RateLimiter loginPerIp, ObjectMapper json) {
    this(auth, loginPerIp, json, ClientAddress.none());
  }

  /** @param address whose X-Forwarded-Proto/-For to believe (Secure cookies, throttling by client address) */
  public SessionRoutes(AuthService auth, RateLimiter loginPerIp, ObjectMapper json, ClientAddress address) {
    this.address = address;
    this.auth = auth;
    this.loginPerIp = loginPerIp;
    this.json = json;
  }

  record LoginRequest(String username, String password) {}

  record LoginResponse(String token, String expiresAt, String username, String role, String roleName) {}

  @Override
  public void routes(RoutesConfig routes) {
    routes.post("/api/login", ctx -> {
      AuthService.Login login = signIn(ctx);
      ctx.json(new LoginResponse(login.token(), login.expiresAt().toString(), login.user().username(),
          RoleNames.wire(login.user().role()), RoleNames.chinese(login.user().role())));
    });
    routes.post("/api/logout", this::signOut, RequiredRole.OPERATOR);
    routes.post("/api/console/session", ctx -> {
      AuthService.Login login = signIn(ctx);
      setCookies(ctx, login);
      ctx.json(Map.of("username", login.user().username(), "role", RoleNames.wire(login.user().role()),
          "roleName", RoleNames.chinese(login.user().role())));
    });
    // public: a console whose session already expired must still be able to clear its cookies
    routes.post("/api/console/logout", this::signOut);
  }

  private AuthService.Login signIn(Context ctx) {
    String ip = address.ip(ctx);
    loginPerIp.acquire("login:" + ip);
    LoginRequest req = JsonBody.read(ctx, json, LoginRequest.class);
    if (req == null || req.username() == null || req.password() == null) {
      throw new SecurityException.InvalidAccount("请输入用户名和密码（username、password）");
    }
    return auth.login(req.username(), req.password().toCharArray(), ip);
  }

  private void signOut(Context ctx) {
    auth.logout(AccessControl.token(ctx));
    ctx.removeCookie(AccessControl.SESSION_COOKIE, "/");
    ctx.removeCookie(AccessControl.CSRF_COOKIE, "/");
    ctx.status(204);
  }

  private void setCookies(Context ctx, AuthService.Login login) {
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
  }
}
