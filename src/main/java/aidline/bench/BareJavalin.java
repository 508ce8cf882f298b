package aidline.bench;

import io.javalin.Javalin;

/**
 * The limit the HTTP rows are measured against: Javalin 7 from the same jar on the same Jetty
 * settings as aidline's server (no banner, the same body limit and default content type, loopback,
 * a free port), doing nothing: "hello" for /health, and the request body echoed back for /api/chat
 * and /wechat.
 */
final class BareJavalin implements AutoCloseable {
  private final Javalin app;

  private BareJavalin(Javalin app) {
    this.app = app;
  }

  static BareJavalin start(long maxBodyBytes) {
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.http.maxRequestSize = maxBodyBytes;
      config.http.defaultContentType = "application/json; charset=utf-8";
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      config.routes.get("/health", ctx -> ctx.result("hello"));
      config.routes.post("/api/chat", ctx -> ctx.result(ctx.bodyAsBytes()));
      config.routes.post("/wechat", ctx -> ctx.contentType("text/xml; charset=utf-8").result(ctx.bodyAsBytes()));
    });
    app.start();
    return new BareJavalin(app);
  }

  String base() {
    return "http://127.0.0.1:" + app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
