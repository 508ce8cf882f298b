package aidline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An in-JVM load client: {@code clients} threads on keep-alive HTTP/1.1 connections send requests
 * for a fixed duration (bounded in count and time, loopback only) and record each latency.
 */
public final class HttpLoad {
  public record Outcome(double perSecond, Stats latency, int errors, int requests) {}

  private HttpLoad() {}

  public static Outcome run(int clients, Duration warmup, Duration duration, int maxRequests,
      IntFunction<HttpRequest> requestFor, int expectedStatus) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      phase(pool, http, clients, warmup, maxRequests / 4, requestFor, expectedStatus, new AtomicInteger());
      AtomicInteger errors = new AtomicInteger();
      long start = System.nanoTime();
      List<long[]> samples = phase(pool, http, clients, duration, maxRequests, requestFor, expectedStatus, errors);
      double seconds = (System.nanoTime() - start) / 1e9;
      int n = samples.stream().mapToInt(a -> a.length).sum();
      long[] all = new long[n];
      int i = 0;
      for (long[] a : samples) {
        System.arraycopy(a, 0, all, i, a.length);
        i += a.length;
      }
      return new Outcome(n / seconds, Stats.ofNanos(all), errors.get(), n);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<long[]> phase(ExecutorService pool, HttpClient http, int clients, Duration d, int maxRequests,
      IntFunction<HttpRequest> requestFor, int expected, AtomicInteger errors) throws Exception {
    long end = System.nanoTime() + d.toNanos();
    AtomicInteger seq = new AtomicInteger();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        long[] buf = new long[1024];
        int k = 0;
        while (System.nanoTime() < end) {
          int n = seq.getAndIncrement();
          if (n >= maxRequests) {
            break;
          }
          long t0 = System.nanoTime();
          HttpResponse<String> res = http.send(requestFor.apply(n), HttpResponse.BodyHandlers.ofString());
          long t = System.nanoTime() - t0;
          if (res.statusCode() != expected) {
            errors.incrementAndGet();
          }
          if (k == buf.length) {
            buf = Arrays.copyOf(buf, k * 2);
          }
          buf[k++] = t;
        }
        return Arrays.copyOf(buf, k);
      }));
    }
    List<long[]> out = new ArrayList<>();
    for (Future<long[]> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  public static HttpRequest.Builder request(String base, String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }
}
