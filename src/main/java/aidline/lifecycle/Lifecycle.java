package aidline.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Starts components in order and closes them all in reverse, collecting failures: one component
 * that fails to close does not keep the others open. Not thread-safe; the composition root owns it.
 */
public final class Lifecycle implements AutoCloseable {
  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  /** Starts {@code m} and remembers it for {@link #close()} (even if starting fails half-way). */
  public <T extends Managed> T start(T m) {
    running.push(m);
    m.start();
    return m;
  }

  /** Remembers something already running (a pool, a lock, a server) for {@link #close()}. */
  public <T extends AutoCloseable> T closeLater(T c) {
    running.push(c);
    return c;
  }

  /**
   * Closes everything, newest first. The first failure is thrown once all are closed, with the
   * later ones attached as suppressed exceptions.
   */
  @Override
  public void close() {
    RuntimeException first = null;
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException re ? re : new IllegalStateException("close failed: " + e.getMessage(), e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
