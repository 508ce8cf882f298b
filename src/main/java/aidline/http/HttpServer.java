package aidline.http;

import aidline.config.AppConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin server: JSON, access log, metrics, error mapping, and every feature's routes. */
public final class HttpServer {
  private static final Logger access = LoggerFactory.getLogger("aidline.access");

  private HttpServer() {}

  public static Javalin create(
      AppConfig.Server cfg, ObjectMapper json, Metrics metrics, Health health, List<RouteModule> modules) {
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          config.jsonMapper(new JavalinJackson(json, false));
          config.http.maxRequestSize = cfg.maxBodyBytes();
          config.http.defaultContentType = "application/json; charset=utf-8";
          config.staticFiles.enableWebjars();
          config.jetty.host = cfg.host();
          config.jetty.port = cfg.port();
          config.jetty.modifyServer(server -> {
            server.setStopTimeout(cfg.shutdownGraceMillis());
            server.setErrorHandler(new JsonErrorPages());
          });
          config.requestLogger.http(
              (ctx, ms) -> {
                metrics.record(ctx, ms);
                access.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), String.format("%.1f", ms));
              });
          ErrorHandlers errors = new ErrorHandlers(config.routes).defaults();
          config.routes.get("/health", ctx -> {
            Health.Status s = health.check();
            ctx.status(s.database() ? 200 : 503).json(s);
          });
          config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
          for (RouteModule m : modules) {
            m.errors(errors);
            m.routes(config.routes);
          }
        });
  }
}
