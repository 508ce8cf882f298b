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
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Notifier}: every message is first written to the {@code outbox} table (so it survives
 * a restart), then delivered by one background thread, retried with exponential backoff and logged
 * when it finally fails. The caller only pays for one small insert.
 *
 * <p>Several nodes may share one outbox (issue 18): a node claims the due rows it is about to send
 * for a lease ({@code claimed_by}, {@code lease_until}; {@code FOR UPDATE SKIP LOCKED} on
 * PostgreSQL, SQLite's one writer serialises the claims), and marks a row only while its lease
 * holds. Two live nodes never send the same message; a node killed mid-send leaves a lease that
 * runs out, and another node sends the message again (at least once, never lost).
 */
public final class OutboxNotifier implements Notifier, Managed {
  private static final Logger log = LoggerFactory.getLogger(OutboxNotifier.class);

  /**
   * How often and how patiently to retry; {@code lease} is how long a claimed batch belongs to its
   * node (sending stops, and the rest goes back, once less than half of it is left).
   */
  public record Policy(Duration firstRetry, Duration maxRetry, int maxAttempts, Duration poll, Duration lease, int batch) {
    public Policy(Duration firstRetry, Duration maxRetry, int maxAttempts, Duration poll) {
      this(firstRetry, maxRetry, maxAttempts, poll, Duration.ofSeconds(60), 20);
    }

    public static Policy defaults() {
      return new Policy(Duration.ofSeconds(2), Duration.ofMinutes(10), 10, Duration.ofSeconds(1));
    }
  }

  private final Database db;
  private final Clock clock;
  private final Map<String, OutboundSender> senders;
  private final Policy policy;
  private final String node;
  private final ScheduledExecutorService worker;
  private volatile boolean started;

  public OutboxNotifier(Database db, Clock clock, Map<String, OutboundSender> senders, Policy policy) {
    this(db, clock, senders, policy, newNodeName());
  }

  /** @param node this process's name in {@code claimed_by}, unique among the nodes sharing the database */
  public OutboxNotifier(Database db, Clock clock, Map<String, OutboundSender> senders, Policy policy, String node) {
    this.db = db;
    this.clock = clock;
    this.senders = Map.copyOf(senders);
    this.policy = policy;
    this.node = node;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "aidline-outbox");
              t.setDaemon(true);
              return t;
            });
  }

  /** The process id and a random part: a restarted process is a new node, never the owner of a dead one's leases. */
  static String newNodeName() {
    return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
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

  record Pending(long id, String channel, String userId, String text, int attempts, long leaseUntil) {}

  private void drainSafely() {
    try {
      drain();
    } catch (RuntimeException e) {
      if (!closed) { // a write cut short by close() is not a failure: close() gives the claims back
        log.error("outbox delivery round failed: {}", e.getMessage());
      }
    }
  }

  /** Delivers every due message once; package-visible so tests can run a round directly. */
  void drain() {
    while (!worker.isShutdown() && !closed) {
      List<Pending> batch = due().isEmpty() ? List.of() : claim();
      if (batch.isEmpty()) {
        return;
      }
      send(batch);
    }
  }

  /** Sends a claimed batch while enough of its lease is left; package-visible for the lease tests. */
  void send(List<Pending> batch) {
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      if (worker.isShutdown() || closed) {
        return; // stopping: close() gives back every row this node still holds
      }
      if (clock.millis() > p.leaseUntil() - policy.lease().toMillis() / 2) {
        // too little lease left to be sure no other node takes the row mid-send
        release(batch.subList(i, batch.size()));
        return;
      }
      deliver(p);
    }
  }

  private void deliver(Pending p) {
    OutboundSender sender = senders.get(p.channel());
    if (sender == null) {
      // no retry can help a channel that is not configured (web chat, or WeChat without a token)
      log.error("dropping {} message {} to {}: channel not configured for outbound messages", p.channel(), p.id(), p.userId());
      update(p, "failed", p.attempts() + 1, clock.millis(), "channel not configured");
      return;
    }
    try {
      sender.send(p.userId(), p.text());
      update(p, "sent", p.attempts() + 1, clock.millis(), null);
    } catch (InterruptedException e) {
      // interrupted by close(): not the channel's fault, so the message stays pending as it was
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (closed) {
        return; // interrupted by shutdown, not a delivery failure: leave it pending, attempts unchanged
      }
      int attempts = p.attempts() + 1;
      if (attempts >= policy.maxAttempts()) {
        log.error("giving up on {} message {} to {} after {} attempts: {}", p.channel(), p.id(), p.userId(), attempts, e.getMessage());
        update(p, "failed", attempts, clock.millis(), e.getMessage());
      } else {
        long delay = backoff(attempts);
        log.warn("{} message {} to {} failed (attempt {}), retrying in {} ms: {}", p.channel(), p.id(), p.userId(), attempts, delay, e.getMessage());
        update(p, "pending", attempts, clock.millis() + delay, e.getMessage());
      }
    }
  }

  long backoff(int attempts) {
    long first = policy.firstRetry().toMillis();
    long d = first << Math.min(attempts - 1, 20);
    return Math.min(d, policy.maxRetry().toMillis());
  }

  private static final String DUE =
      "status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)";

  /** A read first: an idle poll costs no write. */
  private List<Long> due() {
    long now = clock.millis();
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox WHERE " + DUE + " ORDER BY id LIMIT 1")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getLong(1));
              }
            }
            return out;
          }
        });
  }

  /** Takes the due rows nobody holds for this node, for one lease, in one write. */
  List<Pending> claim() {
    long now = clock.millis();
    long until = now + policy.lease().toMillis();
    return db.write(
        c -> {
          List<Pending> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT id, channel, user_id, text, attempts FROM outbox WHERE " + DUE + " ORDER BY id LIMIT ?"
                  // rows another node is claiming right now are skipped, not waited for
                  + db.dialect().forUpdateSkipLocked())) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setInt(3, policy.batch());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), until));
              }
            }
          }
          try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET claimed_by = ?, lease_until = ? WHERE id = ?")) {
            for (Pending p : out) {
              ps.setString(1, node);
              ps.setLong(2, until);
              ps.setLong(3, p.id());
              ps.addBatch();
            }
            if (!out.isEmpty()) {
              ps.executeBatch();
            }
          }
          return out;
        });
  }

  /** Records the outcome and ends the claim, only while this node's lease on the row holds. */
  private void update(Pending p, String status, int attempts, long next, String error) {
    int n = db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, claimed_by = NULL, lease_until = NULL"
                  + " WHERE id = ? AND claimed_by = ? AND lease_until > ?")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setLong(3, next);
            ps.setString(4, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
            ps.setLong(5, p.id());
            ps.setString(6, node);
            ps.setLong(7, clock.millis());
            return ps.executeUpdate();
          }
        });
    if (n == 0) {
      log.warn("outbox message {} was {} after this node's lease on it ran out; another node may send it again", p.id(), status);
    }
  }

  /** Gives rows back before their lease ends (this node stops, or has too little lease left). */
  private void release(List<Pending> rows) {
    db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE outbox SET claimed_by = NULL, lease_until = NULL WHERE id = ? AND claimed_by = ?")) {
            for (Pending p : rows) {
              ps.setLong(1, p.id());
              ps.setString(2, node);
              ps.addBatch();
            }
            return rows.isEmpty() ? 0 : ps.executeBatch().length;
          }
        });
  }

  /** Gives back every row this node still holds (at close: a restart should not wait out the leases). */
  private void releaseAll() {
    db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE outbox SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = ? AND status = 'pending'")) {
            ps.setString(1, node);
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
    try {
      releaseAll();
    } catch (RuntimeException e) {
      // the leases run out on their own: at worst the next node waits for them
      log.warn("outbox claims not given back at close: {}", e.getMessage());
    }
  }
}
