package aidline.lifecycle;

/**
 * A component that owns a thread (or another resource that runs on its own): built idle, started by
 * {@link #start()}, stopped by {@link #close()}. No thread starts in a constructor, so wiring can
 * fail half-way without leaving threads behind, and the composition root decides the order.
 */
public interface Managed extends AutoCloseable {
  /** Starts the component's thread(s). Called once, after construction. */
  void start();

  /** Stops what {@link #start()} started; safe to call on a component that was never started. */
  @Override
  void close();
}
