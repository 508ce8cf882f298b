package aidline.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request counts and latencies per route, exposed in Prometheus text format at /metrics. Timers are
 * built once per (method, route, status) and kept: the registry's lookup builds tags and ids, which
 * cost more than the recording itself on every request.
 */
public final class Metrics {
  private record Key(String method, String route, int status) {}

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Records one finished request; the route is the matched path template, not the raw URL. */
  public void record(Context ctx, float millis) {
    String route;
    try {
      route = ctx.endpoint().path;
    } catch (RuntimeException e) {
      route = "unmatched";
    }
    timer(ctx.method().name(), route, ctx.statusCode()).record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  /** The timer of one route and status, registered on first use. */
  Timer timer(String method, String route, int status) {
    return timers.computeIfAbsent(new Key(method, route, status), k -> Timer.builder("http_server_requests")
        .tag("method", k.method())
        .tag("route", k.route())
        .tag("status", Integer.toString(k.status()))
        .publishPercentileHistogram(false)
        .register(registry));
  }

  public String scrape() {
    return registry.scrape();
  }
}
