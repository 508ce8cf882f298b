package aidline.security;

import aidline.http.ErrorHandlers;
import aidline.http.JsonBody;
import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import aidline.values.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * The one place where roles are checked. Every route registered with roles requires a bearer token
 * (or the console's session cookie) of a user whose role includes the lowest declared role; a
 * route without roles is public. Also: who am I, and rate limits on the public chat route. Logging
 * in and out is {@link SessionRoutes}.
 */
public final class AccessControl implements RouteModule {
  public static final String SESSION_COOKIE = "aidline_session";
  public static final String CSRF_COOKIE = "aidline_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final AuthService auth;
  private final RateLimiter chatPerIp;
  private final RateLimiter chatPerUser;
  private final ObjectMapper json;
  private final ClientAddress address;

  public AccessControl(
      AuthService auth, RateLimiter chatPerIp, RateLimiter chatPerUser, ObjectMapper json) {
    this(auth, chatPerIp, chatPerUser, json, ClientAddress.none());
  }

  /** @param address whose forwarding headers to believe (the chat's per-IP limit behind a proxy) */
  public AccessControl(AuthService auth, RateLimiter chatPerIp, RateLimiter chatPerUser, ObjectMapper json, ClientAddress address) {
    this.address = address;
    this.auth = auth;
    this.chatPerIp = chatPerIp;
    this.chatPerUser = chatPerUser;
    this.json = json;
  }

  @Override
  public void routes(RoutesConfig routes) {
    // answers with personal data are neither cached nor content-sniffed (issue 15, low)
    routes.before("/api/*", ctx -> {
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Cache-Control", "no-store");
    });
    routes.beforeMatched(this::check);
    routes.before("/api/chat", this::limitChat);
    routes.get("/api/me", ctx -> {
      User u = CurrentUser.of(ctx).orElseThrow(SecurityException.Unauthenticated::new);
      ctx.json(Map.of("username", u.username(), "role", RoleNames.wire(u.role()), "roleName", RoleNames.chinese(u.role()),
          "displayName", u.displayName() == null ? u.username() : u.displayName()));
    }, RequiredRole.OPERATOR);
  }

  @Override
  public void errors(ErrorHandlers errors) {
    errors.map(SecurityException.Unauthenticated.class, 401, "unauthenticated");
    errors.map(SecurityException.Forbidden.class, 403, "forbidden");
    errors.map(SecurityException.CsrfRejected.class, 403, "csrf_rejected");
    errors.map(SecurityException.LoginFailed.class, 401, "login_failed");
    errors.map(SecurityException.InvalidAccount.class, 400, "invalid_account");
    errors.map(SecurityException.Locked.class, 429, "account_locked",
        e -> Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
    errors.map(SecurityException.RateLimited.class, 429, "rate_limited",
        e -> Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
  }

  private void check(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    User user = auth.userForToken(token(ctx)).orElse(null);
    if (user != null) {
      CurrentUser.set(ctx, user);
    }
    if (roles.isEmpty()) {
      return;
    }
    if (user != null && cookieAuthenticated(ctx) && !safeMethod(ctx)) {
      checkCsrf(ctx);
    }
    Role needed = RequiredRole.lowest(roles).orElse(Role.ADMIN);
    if (user == null) {
      throw new SecurityException.Unauthenticated();
    }
    if (!user.role().includes(needed)) {
      throw new SecurityException.Forbidden(needed);
    }
  }

  private static boolean cookieAuthenticated(Context ctx) {
    String h = ctx.header("Authorization");
    return h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  private static boolean safeMethod(Context ctx) {
    String m = ctx.method().name();
    return m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS");
  }

  /**
   * Double-submit check for the console: a cookie-authenticated change must echo the CSRF cookie in
   * a header, which a page on another origin cannot read. Bearer-token calls are not exposed to
   * CSRF (browsers never attach the header by themselves).
   */
  private static void checkCsrf(Context ctx) {
    String session = ctx.cookie(SESSION_COOKIE);
    String header = ctx.header(CSRF_HEADER);
    if (session == null || header == null || !MessageDigest.isEqual(
        csrfFor(session).getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
      throw new SecurityException.CsrfRejected();
    }
  }

  /**
   * The CSRF token of a console session, derived from its (HttpOnly, secret) session token, so a
   * cookie planted by another page or subdomain cannot be paired with a header of its choosing:
   * the token is bound to the session (issue 15, low).
   */
  public static String csrfFor(String sessionToken) {
    return AuthService.sha256("csrf|" + sessionToken).substring(0, 43);
  }

  static String token(Context ctx) {
    String h = ctx.header("Authorization");
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).trim();
    }
    return ctx.cookie(SESSION_COOKIE);
  }

  private void limitChat(Context ctx) {
    if (!"POST".equals(ctx.method().name())) {
      return;
    }
    chatPerIp.acquire("ip:" + address.ip(ctx));
    String user = null;
    try {
      JsonNode body = JsonBody.tree(ctx, json); // parsed once: the chat route reads the same tree
      user = body == null ? null : body.path("user").asText(null);
    } catch (IOException malformed) {
      // a body over the size limit is not caught here: Javalin's 413 goes to the client
      // the chat route itself answers malformed bodies with a 400
    }
    if (user != null && !user.isBlank()) {
      chatPerUser.acquire("user:" + user);
    }
  }
}
