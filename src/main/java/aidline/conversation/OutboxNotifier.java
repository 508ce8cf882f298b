package aidline.conversation;

import aidline.lifecycle.Managed;
import aidline.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Notifier}: every message is first written to the {@code outbox} table (so it survives
 * a restart), then delivered by one background thread, retried with exponential backoff and logged
 * when it finally fails. The caller only pays for one small insert.
 */
public final class OutboxNotifier implements Notifier, Managed {
  private static final Logger log = LoggerFactory.getLogger(OutboxNotifier.class);

  /** How often and how patiently to retry. */
  public record Policy(Duration firstRetry, Duration maxRetry, int maxAttempts, Duration poll) {
    public static Policy defaults() {
      return new Policy(Duration.ofSeconds(2), Duration.ofMinutes(10), 10, Duration.ofSeconds(1));
    }
  }

  private final Database db;
  private final Clock clock;
  private final Map<String, OutboundSender> senders;
  private final Policy policy;
  private final ScheduledExecutorService worker;
  private volatile boolean started;

  public OutboxNotifier(Database db, Clock clock, Map<String, OutboundSender> senders, Policy policy) {
    this.db = db;
    this.clock = clock;
    this.senders = Map.copyOf(senders);
    this.policy = policy;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "aidline-outbox");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts delivering, every poll: first what the outbox still holds from before a restart. */
  @Override
  public void start() {
    started = true;
    worker.scheduleWithFixedDelay(this::drainSafely, policy.poll().toMillis(), policy.poll().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void notify(String channel, String userId, String text) {
    try {
      long now = clock.millis();
      db.write(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO outbox (channel, user_id, text, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)")) {
              ps.setString(1, channel);
              ps.setString(2, userId);
              ps.setString(3, text);
              ps.setLong(4, now);
              ps.setLong(5, now);
              return ps.executeUpdate();
            }
          });
      if (started) {
        worker.execute(this::drainSafely);
      }
    } catch (RuntimeException e) {
      // never let a notification failure break the caller's own work
      log.error("could not queue a {} message for {}: {}", channel, userId, e.getMessage());
    }
  }

  private volatile boolean closed;

  private record Pending(long id, String channel, String userId, String text, int attempts) {}

  private void drainSafely() {
    try {
      drain();
    } catch (RuntimeException e) {
      log.error("outbox delivery round failed: {}", e.getMessage());
    }
  }

  /** Delivers every due message once; package-visible so tests can run a round directly. */
  void drain() {
    for (Pending p : due()) {
      if (worker.isShutdown()) {
        return; // stopping: what is left stays pending for the next start
      }
      OutboundSender sender = senders.get(p.channel());
      if (sender == null) {
        // no retry can help a channel that is not configured (web chat, or WeChat without a token)
        log.error("dropping {} message {} to {}: channel not configured for outbound messages", p.channel(), p.id(), p.userId());
        update(p.id(), "failed", p.attempts() + 1, clock.millis(), "channel not configured");
        continue;
      }
      try {
        sender.send(p.userId(), p.text());
        update(p.id(), "sent", p.attempts() + 1, clock.millis(), null);
      } catch (InterruptedException e) {
        // interrupted by close(): not the channel's fault, so the message stays pending as it was
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (closed) {
          return; // interrupted by shutdown, not a delivery failure: leave it pending, attempts unchanged
        }
        int attempts = p.attempts() + 1;
        if (attempts >= policy.maxAttempts()) {
          log.error("giving up on {} message {} to {} after {} attempts: {}", p.channel(), p.id(), p.userId(), attempts, e.getMessage());
          update(p.id(), "failed", attempts, clock.millis(), e.getMessage());
        } else {
          long delay = backoff(attempts);
          log.warn("{} message {} to {} failed (attempt {}), retrying in {} ms: {}", p.channel(), p.id(), p.userId(), attempts, delay, e.getMessage());
          update(p.id(), "pending", attempts, clock.millis() + delay, e.getMessage());
        }
      }
    }
  }

  long backoff(int attempts) {
    long first = policy.firstRetry().toMillis();
    long d = first << Math.min(attempts - 1, 20);
    return Math.min(d, policy.maxRetry().toMillis());
  }

  private List<Pending> due() {
    long now = clock.millis();
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, channel, user_id, text, attempts FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT 50")) {
            ps.setLong(1, now);
            List<Pending> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
              }
            }
            return out;
          }
        });
  }

  private void update(long id, String status, int attempts, long next, String error) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setLong(3, next);
            ps.setString(4, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
            ps.setLong(5, id);
            return ps.executeUpdate();
          }
        });
  }

  /** Counts by status, for tests and health views. */
  public Map<String, Integer> counts() {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM outbox GROUP BY status");
              ResultSet rs = ps.executeQuery()) {
            Map<String, Integer> m = new TreeMap<>();
            while (rs.next()) {
              m.put(rs.getString(1), rs.getInt(2));
            }
            return m;
          }
        });
  }

  /** Attempts per message, oldest first (tests and diagnostics). */
  List<Integer> attempts() {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT attempts FROM outbox ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            List<Integer> out = new ArrayList<>();
            while (rs.next()) {
              out.add(rs.getInt(1));
            }
            return out;
          }
        });
  }

  @Override
  public void close() {
    closed = true;
    worker.shutdownNow();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("outbox delivery did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
