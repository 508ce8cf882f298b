package aidline.bench;

import java.util.Arrays;

/** Latency percentiles over a sample, in milliseconds. */
public record Stats(int count, double median, double p99, double max, double mean) {
  public static Stats ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new Stats(0, 0, 0, 0, 0);
    }
    long[] s = nanos.clone();
    Arrays.sort(s);
    double sum = 0;
    for (long n : s) {
      sum += n;
    }
    return new Stats(s.length, ms(pct(s, 0.50)), ms(pct(s, 0.99)), ms(s[s.length - 1]), ms((long) (sum / s.length)));
  }

  static long pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
