package aidline.console;

import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The operator/staff console: static pages from the classpath and the dashboard's figures. Its
 * cookie session is the security feature's one login path ({@code SessionRoutes}, the same token as
 * the API in an HttpOnly SameSite=Strict cookie); changes are CSRF-checked in {@code AccessControl}.
 */
public final class ConsoleRoutes implements RouteModule {
  private static final Map<String, String> ASSETS = Map.of(
      "app.js", "text/javascript; charset=utf-8",
      "tickets.js", "text/javascript; charset=utf-8",
      "students.js", "text/javascript; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8");

  private final Dashboard dashboard;
  private final ConsoleSettings settings;

  public ConsoleRoutes(Dashboard dashboard, ConsoleSettings settings) {
    this.dashboard = dashboard;
    this.settings = settings;
  }

  @Override
  public void routes(RoutesConfig routes) {
    routes.get("/console", ctx -> page(ctx, "console/index.html"));
    routes.get("/console/", ctx -> ctx.redirect("/console"));
    routes.get("/console/assets/{name}", this::asset);
    routes.get("/api/reports/dashboard", ctx -> ctx.json(dashboard.figures(14)), RequiredRole.OPERATOR);
    routes.get("/api/console/settings", ctx -> ctx.json(settings.json()), RequiredRole.OPERATOR);
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
