package aidline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void oneTimerPerRouteAndStatusIsBuiltOnceAndKept() {
    Metrics m = new Metrics();
    var a = m.timer("POST", "/api/chat", 200);
    assertSame(a, m.timer("POST", "/api/chat", 200));
    assertNotSame(a, m.timer("POST", "/api/chat", 429));
    a.record(5, TimeUnit.MILLISECONDS);
    m.timer("POST", "/api/chat", 200).record(5, TimeUnit.MILLISECONDS);
    assertEquals(2, a.count());
    String text = m.scrape();
    assertTrue(text.contains("route=\"/api/chat\"") && text.contains("status=\"429\""), text);
  }

  @Test
  void accessLogMillisKeepTheirOneDecimalFormat() {
    assertEquals("12.3", HttpServer.tenths(12.34f));
    assertEquals("0.1", HttpServer.tenths(0.05f));
    assertEquals("7.0", HttpServer.tenths(7f));
    assertEquals(String.format("%.1f", 1234.56f), HttpServer.tenths(1234.56f));
  }
}
