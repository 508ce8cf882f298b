package aidline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WrkLatencyTest {
  /** wrk 4's stats_correct, as in its C source: ascending, each sample adds counts below itself. */
  private static TreeMap<Long, Long> correct(Map<Long, Long> raw, long expected) {
    TreeMap<Long, Long> data = new TreeMap<>(raw);
    long max = data.lastKey();
    for (long n = expected * 2; n <= max; n++) {
      long count = raw.getOrDefault(n, 0L);
      for (long m = n - expected; count > 0 && m > expected; m -= expected) {
        data.merge(m, count, Long::sum);
      }
    }
    return data;
  }

  @Test
  void undoesWrksCorrectionExactly() {
    Random rnd = new Random(7);
    TreeMap<Long, Long> raw = new TreeMap<>();
    for (int i = 0; i < 5_000; i++) {
      long us = rnd.nextInt(100) == 0 ? 2_000 + rnd.nextInt(40_000) : 400 + rnd.nextInt(600);
      raw.merge(us, 1L, Long::sum);
    }
    TreeMap<Long, Long> corrected = correct(raw, 700);
    assertEquals(raw, WrkLatency.uncorrect(corrected, 700));
  }

  @Test
  void readsTheHistogramAndKeepsBothViews() throws IOException {
    // 3 requests in 3 ms: expected interval 1,000 µs; the 3,500 µs one added 2,500 and 1,500
    String out = "Running 3s test\nH 500 1\nH 1500 1\nH 2500 1\nH 3500 1\nH 600 1\nD 3000 3 0\n";
    WrkLatency.Histograms h = WrkLatency.parse(out);
    assertEquals(3, h.requests());
    assertEquals(Map.of(500L, 1L, 600L, 1L, 3500L, 1L), h.perRequest());
    assertEquals(0.6, h.millis(50));
    assertEquals(3.5, h.millis(99));
    assertEquals(2.5, h.correctedMillis(70));
    assertEquals(1000.0, h.perSecond());
  }

  @Test
  void refusesOutputWithoutAHistogram() {
    assertThrows(IOException.class, () -> WrkLatency.parse("unable to connect to 127.0.0.1:1 Connection refused\n"));
  }

  @Test
  void mergesRounds() throws IOException {
    WrkLatency.Histograms a = WrkLatency.parse("H 500 2\nD 1000 2 0\n");
    WrkLatency.Histograms b = WrkLatency.parse("H 500 1\nH 900 1\nD 1000 2 1\n");
    WrkLatency.Histograms both = a.plus(b);
    assertEquals(Map.of(500L, 3L, 900L, 1L), both.perRequest());
    assertEquals(4, both.requests());
    assertEquals(1, both.errors());
    assertEquals(0.9, both.millis(100));
  }
}
