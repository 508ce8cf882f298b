package aidline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * wrk at one connection (one thread) with the whole latency histogram, so percentiles can be read
 * beyond wrk's own four lines and rounds can be merged. wrk 4 corrects its histogram for coordinated
 * omission (a slow request adds samples at the interval a request was expected); both the corrected
 * histogram and the one request-by-request (the correction undone, checked against the request
 * count) are kept, since earlier figures in BENCHMARKS.md were per request.
 */
final class WrkLatency {
  /** Microseconds → count, per request and as wrk reports (corrected). */
  record Histograms(TreeMap<Long, Long> perRequest, TreeMap<Long, Long> corrected, long requests, long errors, double seconds) {
    static Histograms empty() {
      return new Histograms(new TreeMap<>(), new TreeMap<>(), 0, 0, 0);
    }

    Histograms plus(Histograms o) {
      TreeMap<Long, Long> a = new TreeMap<>(perRequest);
      o.perRequest.forEach((k, v) -> a.merge(k, v, Long::sum));
      TreeMap<Long, Long> b = new TreeMap<>(corrected);
      o.corrected.forEach((k, v) -> b.merge(k, v, Long::sum));
      return new Histograms(a, b, requests + o.requests, errors + o.errors, seconds + o.seconds);
    }

    /** Percentile {@code p} (0–100) per request, in milliseconds. */
    double millis(double p) {
      return percentile(perRequest, p) / 1000.0;
    }

    double correctedMillis(double p) {
      return percentile(corrected, p) / 1000.0;
    }

    double perSecond() {
      return seconds <= 0 ? 0 : requests / seconds;
    }
  }

  private WrkLatency() {}

  /**
   * A wrk script sending {@code GET pathPrefix + key} for the keys of {@code keys} (one a line) in
   * turn, with an optional bearer token, and printing the histogram when done.
   */
  static String lookupScript(Path keys, String pathPrefix, String token) {
    return "local keys = {}\n"
        + "for line in io.lines(" + LoadClient.lua(keys.toAbsolutePath().toString()) + ") do keys[#keys + 1] = line end\n"
        + "local i = 0\n"
        + "local headers = {}\n"
        + (token == null ? "" : "headers[\"Authorization\"] = " + LoadClient.lua("Bearer " + token) + "\n")
        + "function request()\n"
        + "  i = i % #keys + 1\n"
        + "  return wrk.format(\"GET\", " + LoadClient.lua(pathPrefix) + " .. keys[i], headers)\n"
        + "end\n"
        + DONE;
  }

  // latency(k) is the k-th distinct value and its count, and 0 past the last one
  private static final String DONE = "function done(summary, latency, requests)\n"
      + "  local k = 1\n"
      + "  while true do\n"
      + "    local v, c = latency(k)\n"
      + "    if v == 0 then break end\n"
      + "    io.write(string.format(\"H %d %d\\n\", v, c))\n"
      + "    k = k + 1\n"
      + "  end\n"
      + "  local e = summary.errors\n"
      + "  io.write(string.format(\"D %d %d %d\\n\", summary.duration, summary.requests,\n"
      + "    e.status + e.connect + e.read + e.write + e.timeout))\n"
      + "end\n";

  /** One wrk run of the script for {@code d} at one connection. */
  static Histograms run(Path workDir, String base, String script, Duration d) throws IOException, InterruptedException {
    Path file = Files.createTempFile(workDir, "lookup", ".lua");
    try {
      Files.writeString(file, script, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder("wrk", "-t1", "-c1", "-d" + Math.max(1, d.toSeconds()) + "s", "--timeout", "10s",
          "-s", file.toString(), base).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(d.toSeconds() + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("wrk failed: " + out);
      }
      return parse(out);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static Histograms parse(String out) throws IOException {
    TreeMap<Long, Long> corrected = new TreeMap<>();
    long micros = -1;
    long requests = 0;
    long errors = 0;
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f[0].equals("H") && f.length == 3) {
        corrected.merge(Long.parseLong(f[1]), Long.parseLong(f[2]), Long::sum);
      } else if (f[0].equals("D") && f.length == 4) {
        micros = Long.parseLong(f[1]);
        requests = Long.parseLong(f[2]);
        errors = Long.parseLong(f[3]);
      }
    }
    if (micros < 0 || requests == 0) {
      throw new IOException("wrk printed no histogram: " + out);
    }
    TreeMap<Long, Long> perRequest = uncorrect(corrected, micros / requests);
    long n = perRequest.values().stream().mapToLong(Long::longValue).sum();
    if (n != requests) {
      // not the correction this code knows (another wrk): report wrk's own histogram for both
      perRequest = corrected;
    }
    return new Histograms(perRequest, corrected, requests, errors, micros / 1e6);
  }

  /**
   * Undoes wrk 4's {@code stats_correct(latency, expected)} for one connection: every sample at
   * n ≥ 2·expected added its count at n − expected, n − 2·expected, … while above expected. Read
   * from the top down, the count at m is what was recorded there plus what higher samples added.
   */
  static TreeMap<Long, Long> uncorrect(Map<Long, Long> corrected, long expected) {
    TreeMap<Long, Long> raw = new TreeMap<>();
    if (corrected.isEmpty() || expected <= 0) {
      raw.putAll(corrected);
      return raw;
    }
    TreeMap<Long, Long> sorted = new TreeMap<>(corrected);
    long max = sorted.lastKey();
    for (Long m : sorted.descendingKeySet()) {
      long c = corrected.get(m);
      if (m > expected) {
        for (long n = m + expected; n <= max; n += expected) {
          if (n >= 2 * expected) {
            c -= raw.getOrDefault(n, 0L);
          }
        }
      }
      if (c > 0) {
        raw.put(m, c);
      }
    }
    return raw;
  }

  static long percentile(TreeMap<Long, Long> h, double p) {
    long n = h.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
    long seen = 0;
    for (Map.Entry<Long, Long> e : h.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey();
      }
    }
    return h.lastKey();
  }

  /** The keys, one a line, in a file wrk's script reads. */
  static Path keysFile(Path workDir, List<String> keys) throws IOException {
    Path file = workDir.resolve("lookup-keys.txt");
    Files.write(file, keys, StandardCharsets.UTF_8);
    return file;
  }
}
