package aidline.http;

import aidline.config.AppConfig;
import aidline.values.Masking;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin server: JSON, access log, metrics, error mapping, and every feature's routes. */
public final class HttpServer {
  /**
   * Jetty answers HEAD through a GET route without that route's roles, so the role check never saw
   * it (issue 15, low): every GET route with roles gets an explicit HEAD twin with the same roles.
   */
  private static void headLikeGet(io.javalin.config.JavalinConfig config) {
    var router = config.unsafe.internalRouter;
    for (var parsed : router.allHttpHandlers()) {
      io.javalin.router.Endpoint e = parsed.endpoint;
      io.javalin.security.Roles roles = e.metadata(io.javalin.security.Roles.class);
      if (e.method == io.javalin.http.HandlerType.GET && roles != null && !roles.getRoles().isEmpty()
          && !router.hasHttpHandlerEntry(io.javalin.http.HandlerType.HEAD, e.path)) {
        config.routes.addEndpoint(new io.javalin.router.Endpoint(io.javalin.http.HandlerType.HEAD, e.path, e.handler,
            Set.of(roles)));
      }
    }
  }

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
                // logback.xml hands aidline.access to an asynchronous appender: no request waits for stderr;
                // paths carry 身份证号 (/api/students/{id}): the log never holds one whole (issue 15, M4)
                if (access.isInfoEnabled()) {
                  access.info("{} {} {} {}ms", ctx.method(), Masking.text(ctx.path(), null), ctx.statusCode(),
                      tenths(ms));
                }
              });
          ErrorHandlers errors = new ErrorHandlers(config.routes).defaults();
          config.routes.get("/health", ctx -> {
            Health.Status s = "1".equals(ctx.queryParam("deep")) ? health.deep() : health.check();
            ctx.status(s.database() ? 200 : 503).json(s);
          });
          config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
          for (RouteModule m : modules) {
            m.errors(errors);
            m.routes(config.routes);
          }
          headLikeGet(config);
        });
  }

  /** Milliseconds with one decimal, as {@code String.format("%.1f")} wrote them, without a Formatter per request. */
  static String tenths(float ms) {
    long t = Math.round((double) ms * 10);
    return (t / 10) + "." + (t % 10);
  }
}
