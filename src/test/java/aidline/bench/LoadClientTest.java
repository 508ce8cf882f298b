package aidline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading wrk's report, and the question mix the HTTP rows send. */
class LoadClientTest {
  static final String WRK = """
      Running 5s test @ http://127.0.0.1:40000
        2 threads and 32 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency    15.02ms   20.11ms 300.00ms   90.00%
          Req/Sec     1.10k   200.00     1.50k    70.00%
        Latency Distribution
           50%  850.00us
           75%   12.00ms
           90%   30.00ms
           99%    1.20s
        10950 requests in 5.00s, 3.00MB read
        Socket errors: connect 0, read 2, write 0, timeout 3
        Non-2xx or 3xx responses: 7
      Requests/sec:   2190.42
      Transfer/sec:    614.00KB
      """;

  @Test
  void wrkReportIsReadInMillisecondsWithEveryKindOfError() {
    LoadClient.Outcome o = LoadClient.parse(WRK);
    assertEquals(2190.42, o.perSecond(), 1e-9);
    assertEquals(0.85, o.p50(), 1e-9);
    assertEquals(1200, o.p99(), 1e-9);
    assertEquals(12, o.errors());
  }

  @Test
  void theMixHasDistinctQuestionsAndZipfFavoursTheFirst() {
    List<String> mix = HttpRatioScenario.mix(List.of("甲", "乙", "丙"), 10);
    assertEquals(10, mix.size());
    assertEquals(10, mix.stream().distinct().count());
    int[] hits = new int[200];
    for (int i = 0; i < 10_000; i++) {
      hits[HttpRatioScenario.zipf(200, (i + 0.5) / 10_000)]++;
    }
    assertTrue(hits[0] > hits[1] && hits[1] > hits[9] && hits[9] > hits[199], hits[0] + " " + hits[1] + " " + hits[9] + " " + hits[199]);
    assertEquals(0, HttpRatioScenario.zipf(200, 0));
    assertEquals(199, HttpRatioScenario.zipf(200, 1));
  }
}
