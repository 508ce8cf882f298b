package aidline.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  final List<String> events = new ArrayList<>();

  Managed component(String name, boolean failOnClose) {
    return new Managed() {
      @Override
      public void start() {
        events.add("start " + name);
      }

      @Override
      public void close() {
        events.add("close " + name);
        if (failOnClose) {
          throw new IllegalStateException(name + " failed");
        }
      }
    };
  }

  @Test
  void startsInOrderAndClosesEverythingInReverseCollectingFailures() {
    Lifecycle l = new Lifecycle();
    l.start(component("a", true));
    l.closeLater(() -> events.add("close pool"));
    l.start(component("b", false));
    l.start(component("c", true));
    IllegalStateException e = assertThrows(IllegalStateException.class, l::close);
    assertEquals(List.of("start a", "start b", "start c", "close c", "close b", "close pool", "close a"), events);
    assertEquals("c failed", e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertEquals("a failed", e.getSuppressed()[0].getMessage());
  }

  @Test
  void aComponentThatFailsToStartIsStillClosed() {
    Lifecycle l = new Lifecycle();
    Managed broken = new Managed() {
      @Override
      public void start() {
        throw new IllegalStateException("no port");
      }

      @Override
      public void close() {
        events.add("closed broken");
      }
    };
    assertThrows(IllegalStateException.class, () -> l.start(broken));
    l.close();
    assertEquals(List.of("closed broken"), events);
  }
}
