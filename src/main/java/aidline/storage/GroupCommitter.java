package aidline.storage;

import aidline.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Small durable writes of every feature (work orders, conversation state, the message ledger, the
 * audit log) go through one writer thread, which commits whatever writes are waiting as one
 * transaction (group commit): with {@code synchronous=FULL} each commit costs an fsync, so 50
 * concurrent writes cost one fsync instead of 50. Each write runs under its own savepoint, so a
 * refused action rolls back alone; callers return only after the commit, so nothing is
 * acknowledged that a kill -9 could lose. One writer also means no SQLITE_BUSY between writers.
 *
 * <p>Groups are taken from the queue and committed under one lock, so they commit one at a time and
 * in queue order whichever thread commits them: normally this writer thread, but a caller of {@link
 * #await} commits the queued group itself when no group is being committed at that moment.
 */
public final class GroupCommitter implements Managed {
  public interface Write<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs one group as one transaction (the database's exclusive transaction). */
  public interface Transactions {
    void run(Write<Void> group);
  }

  private record Task<T>(Write<T> work, CompletableFuture<T> done) {}

  private final Transactions transactions;
  private final int maxBatch;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  /** Held while a group is taken from the queue and committed: one group at a time, in queue order. */
  private final ReentrantLock committing = new ReentrantLock();
  private volatile boolean closed;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  /** Commits made and writes they carried; writes / commits is the mean group size. */
  public record Stats(long commits, long writes) {}

  GroupCommitter(Transactions transactions, int maxBatch) {
    this.transactions = transactions;
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::loop, "aidline-writer");
    thread.setDaemon(true);
  }

  @Override
  public void start() {
    thread.start();
  }

  /** Runs the write in the next group and returns its result once that group is committed. */
  public <T> T write(Write<T> work) {
    if (Thread.currentThread() == thread || committing.isHeldByCurrentThread()) {
      throw new IllegalStateException("a group-committed write must not start another one");
    }
    return result(submit(work));
  }

  /**
   * Waits for a write {@link #submit} queued. If no group is being committed at that moment (on a
   * busy machine the writer thread, woken by the submit, may still wait for a core), this thread
   * takes the queued group and commits it itself, in queue order like the writer would: the caller
   * then waits for the fsync only, not also for the writer's and its own wake-up. Otherwise it waits
   * for the group being committed, as {@link #write} does.
   */
  public <T> T await(CompletableFuture<T> done) {
    if (Thread.currentThread() == thread || committing.isHeldByCurrentThread()) {
      throw new IllegalStateException("a group-committed write cannot be awaited while committing");
    }
    while (!done.isDone() && committing.tryLock()) {
      try {
        commitQueued();
      } finally {
        committing.unlock();
      }
    }
    return result(done);
  }

  private static <T> T result(CompletableFuture<T> done) {
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("写入被中断", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new StorageException("数据库操作失败: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Queues the write for the next group without waiting for it: for writes a crash may lose (the
   * last turn's conversation state, a statistic), so that the reply does not wait for an fsync. The
   * future completes once the group is committed; writes queued before {@link #close} are still
   * committed.
   */
  public <T> CompletableFuture<T> submit(Write<T> work) {
    CompletableFuture<T> done = enqueue(work);
    LockSupport.unpark(thread);
    return done;
  }

  /**
   * Queues the write without waking the writer thread, for a caller that will {@link #await} it and
   * so commit it on its own thread (with whatever else is queued) unless a group is being committed
   * then: no thread hand-off on either side of the fsync. Should the caller never await, the writer
   * still commits it at its next wake-up (another write, or within 100 ms).
   */
  public <T> CompletableFuture<T> submitForAwait(Write<T> work) {
    return enqueue(work);
  }

  private <T> CompletableFuture<T> enqueue(Write<T> work) {
    if (closed) {
      throw new StorageException("服务正在停止，请稍后再试", null);
    }
    CompletableFuture<T> done = new CompletableFuture<>();
    queue.add(new Task<>(work, done));
    return done;
  }

  private void loop() {
    while (!closed || !queue.isEmpty()) {
      if (queue.isEmpty()) {
        // a submit after this check unparks the thread, so the park returns at once
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        continue;
      }
      committing.lock();
      try {
        commitQueued();
      } finally {
        committing.unlock();
      }
    }
  }

  /** Takes the queued writes (the lock held, so no other thread takes a later group first) and commits them. */
  private void commitQueued() {
    List<Task<?>> batch = new ArrayList<>();
    queue.drainTo(batch, maxBatch);
    if (!batch.isEmpty()) {
      commit(batch);
    }
  }

  public Stats stats() {
    return new Stats(commits.get(), writes.get());
  }

  private void commit(List<Task<?>> batch) {
    Object[] results = new Object[batch.size()];
    Throwable[] failures = new Throwable[batch.size()];
    try {
      transactions.run(c -> {
        for (int i = 0; i < batch.size(); i++) {
          Savepoint sp = c.setSavepoint();
          try {
            results[i] = batch.get(i).work().run(c);
            c.releaseSavepoint(sp);
          } catch (SQLException | RuntimeException e) {
            c.rollback(sp);
            failures[i] = e instanceof SQLException ? new StorageException("数据库操作失败: " + e.getMessage(), e) : e;
          }
        }
        return null;
      });
    } catch (RuntimeException e) {
      batch.forEach(t -> t.done().completeExceptionally(e));
      return;
    }
    commits.incrementAndGet();
    writes.addAndGet(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      complete(batch.get(i), results[i], failures[i]);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Task<T> task, Object result, Throwable failure) {
    if (failure != null) {
      task.done().completeExceptionally(failure);
    } else {
      task.done().complete((T) result);
    }
  }

  /** Finishes the writes already queued, then stops. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    if (!thread.isAlive()) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
