package aidline.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load run at a fixed number of keep-alive connections: wrk when it is installed (a real HTTP
 * client in its own process, so the client does not share this JVM with the server), else the
 * in-JVM {@link HttpLoad}. The same client measures aidline and the bare baseline of a row.
 */
final class LoadClient {
  /**
   * One kind of request: a wrk Lua script (defining {@code request()}) and the same for HttpLoad.
   * {@code warmLua} is the warm-up's script: requests that must never repeat (new MsgIds and nonces,
   * never-seen questions) need one of their own, as each wrk run starts its counters afresh.
   */
  record Load(String lua, String warmLua, BiFunction<String, Integer, HttpRequest> fallback) {
    Load(String lua, BiFunction<String, Integer, HttpRequest> fallback) {
      this(lua, lua, fallback);
    }
  }

  /**
   * @param cpuPerRequest milliseconds of this process's CPU per request while the load ran (the
   *     server's cost, as the servers run in this JVM; with the in-JVM client, the client's too):
   *     a figure a machine shared with other work disturbs far less than requests per second
   */
  record Outcome(double perSecond, double p50, double p99, long errors, String client, double cpuPerRequest) {
    Outcome(double perSecond, double p50, double p99, long errors, String client) {
      this(perSecond, p50, p99, errors, client, Double.NaN);
    }

    Outcome withCpu(long cpuNanos, Duration d) {
      double requests = perSecond * d.toNanos() / 1e9;
      return new Outcome(perSecond, p50, p99, errors, client, requests <= 0 ? Double.NaN : cpuNanos / 1e6 / requests);
    }
  }

  private final Path workDir;
  private final boolean wrk;

  LoadClient(Path workDir) {
    this.workDir = workDir;
    this.wrk = wrkInstalled();
  }

  String name() {
    return wrk ? "wrk" : "in-JVM client";
  }

  Outcome run(String base, Load load, int connections, Duration warmup, Duration duration) throws Exception {
    if (!wrk) {
      long cpu = processCpuNanos();
      HttpLoad.Outcome o = HttpLoad.run(connections, warmup, duration, 5_000_000, n -> load.fallback().apply(base, n), 200);
      // the fallback's warm-up runs inside run(): its CPU is counted, over the measured requests only
      return new Outcome(o.perSecond(), o.latency().median(), o.latency().p99(), o.errors(), name())
          .withCpu((processCpuNanos() - cpu) * duration.toNanos() / (duration.toNanos() + warmup.toNanos()), duration);
    }
    Path script = Files.createTempFile(workDir, "load", ".lua");
    try {
      Files.writeString(script, load.warmLua(), StandardCharsets.UTF_8);
      wrk(base, script, connections, warmup);
      Files.writeString(script, load.lua(), StandardCharsets.UTF_8);
      long cpu = processCpuNanos();
      // the measured window, for lining a flight recording of the bench up with its rows
      System.err.println("bench: wrk measuring " + base + " from " + Instant.now());
      Outcome o = parse(wrk(base, script, connections, duration));
      System.err.println("bench: wrk measured " + base + " until " + Instant.now());
      return o.withCpu(processCpuNanos() - cpu, Duration.ofSeconds(Math.max(1, duration.toSeconds())));
    } finally {
      Files.deleteIfExists(script);
    }
  }

  boolean usesWrk() {
    return wrk;
  }

  /** One wrk run of {@code lua} (no warm-up round); wrk must be installed. */
  Outcome wrkOnce(String base, String lua, int connections, Duration duration) throws IOException, InterruptedException {
    Path script = Files.createTempFile(workDir, "load", ".lua");
    try {
      Files.writeString(script, lua, StandardCharsets.UTF_8);
      return parse(wrk(base, script, connections, duration));
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static String wrk(String base, Path script, int connections, Duration d) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + Math.max(1, d.toSeconds()) + "s", "--latency",
        "-s", script.toString(), base).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(d.toSeconds() + 30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("wrk failed: " + out);
    }
    return out;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  static Outcome parse(String out) {
    double rps = number(out, "Requests/sec:\\s+([\\d.]+)");
    long errors = (long) number(out, "Non-2xx or 3xx responses:\\s+(\\d+)");
    Matcher sock = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
    if (sock.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(sock.group(i));
      }
    }
    return new Outcome(rps, latency(out, "50"), latency(out, "99"), errors, "wrk");
  }

  private static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** A percentile line of wrk's latency distribution ("99%  12.34ms"), in milliseconds. */
  private static double latency(String out, String pct) {
    Matcher m = Pattern.compile("(?m)^\\s+" + pct + "%\\s+([\\d.]+)(us|ms|s)\\s*$").matcher(out);
    if (!m.find()) {
      return Double.NaN;
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      default -> v;
    };
  }

  private static boolean wrkInstalled() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(5, TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A Lua string literal. */
  static String lua(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** A Lua table of string literals, named {@code Q}, and a Zipf(1) pick over it. */
  static String zipfLua(List<String> items) {
    StringBuilder b = new StringBuilder("Q = {\n");
    for (String s : items) {
      b.append(lua(s)).append(",\n");
    }
    return b.append("}\n")
        .append("local cum, total = {}, 0\n")
        .append("for i = 1, #Q do total = total + 1 / i; cum[i] = total end\n")
        .append("function pick()\n")
        .append("  local r = math.random() * total\n")
        .append("  local lo, hi = 1, #Q\n")
        .append("  while lo < hi do local mid = math.floor((lo + hi) / 2); if cum[mid] < r then lo = mid + 1 else hi = mid end end\n")
        .append("  return Q[lo]\n")
        .append("end\n")
        .append("local seq = 0\n")
        .append("function setup(thread) thread:set(\"seed\", math.random(1, 1000000000)) end\n")
        .append("function init(args) math.randomseed(seed) end\n")
        .toString();
  }
}
