package aidline.conversation;

import aidline.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable record of inbound messages already taken, keyed by the channel's message identity. The
 * first delivery claims the key (a unique insert, so two concurrent retries cannot both win) and
 * later stores the reply; retries read it back instead of running the bot again.
 */
public final class InboundLedger {
  public enum Status {
    RUNNING,
    DONE,
    ASYNC
  }

  public record Entry(Status status, String reply) {}

  /** What a claim with a binding found: the first delivery, a retry of it, or a replayed signature. */
  public enum Claim {
    FIRST,
    RETRY,
    REPLAYED
  }

  /**
   * A request's one-time identity (WeChat: signature, timestamp and nonce) that may carry only the
   * message it first carried, remembered until {@code expiresAtMillis} (when its time window has
   * passed); kept beside the claim, so every node sees it.
   */
  public record Binding(String key, long expiresAtMillis) {}

  /** Longer than any channel re-delivers a message: WeChat retries for 15 s, Telegram keeps updates 24 h. */
  static final Duration KEEP = Duration.ofDays(2);

  /** How often a retry looks for the reply of a message running elsewhere. */
  private static final Duration POLL = Duration.ofMillis(50);
  /**
   * A claim still "running" this long after the wait it was given settles no more: its node records
   * ASYNC when its own budget runs out, so only a dead node leaves one.
   */
  private static final Duration STALE_AFTER_BUDGET = Duration.ofSeconds(2);

  /** Old rows are deleted inside a claim's write at most this often, not in every claim. */
  static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final Database db;
  private final Clock clock;
  /** When this node last pruned (clock millis); per node, so each node prunes once a minute at most. */
  private final AtomicLong lastPrune = new AtomicLong(Long.MIN_VALUE);

  public InboundLedger(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** True when this call is the first to see the key and so must process the message. */
  public boolean claim(String key, String channel, String userId) {
    return db.write(
        c -> {
          pruneIfDue(c);
          return insertClaim(c, key, channel, userId);
        });
  }

  /**
   * Binds the request to the message and claims the message, in one write (one commit per callback,
   * as without the binding). A binding already taken by another message claims nothing.
   */
  public Claim claim(String key, String channel, String userId, Binding binding) {
    return db.write(
        c -> {
          pruneIfDue(c);
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO inbound_binding (binding, dedupe_key, expires_at) VALUES (?, ?, ?) ON CONFLICT (binding) DO NOTHING")) {
            ps.setString(1, binding.key());
            ps.setString(2, key);
            ps.setLong(3, binding.expiresAtMillis());
            if (ps.executeUpdate() == 0 && !key.equals(boundMessage(c, binding.key()))) {
              return Claim.REPLAYED;
            }
          }
          return insertClaim(c, key, channel, userId) ? Claim.FIRST : Claim.RETRY;
        });
  }

  /** True when the binding already carried another message: a read, so a replay is refused before anything is counted. */
  public boolean boundToAnother(Binding binding, String key) {
    String first = db.withConnection(c -> boundMessage(c, binding.key()));
    return first != null && !first.equals(key);
  }

  private String boundMessage(Connection c, String binding) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT dedupe_key FROM inbound_binding WHERE binding = ? AND expires_at >= ?")) {
      ps.setString(1, binding);
      ps.setLong(2, clock.millis());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Deletes expired bindings and claims older than {@link #KEEP}, in the claim's own write, when a
   * minute has passed since this node last did: a DELETE in every claim cost each callback a scan.
   * Expired bindings left a minute longer change nothing: {@link #boundMessage} ignores them, and an
   * insert over one is refused only inside the time window, which the timestamp check already
   * closed for that binding's query.
   */
  private void pruneIfDue(Connection c) throws SQLException {
    long now = clock.millis();
    long last = lastPrune.get();
    if (last != Long.MIN_VALUE && now - last < PRUNE_EVERY.toMillis() || !lastPrune.compareAndSet(last, now)) {
      return;
    }
    try (PreparedStatement old = c.prepareStatement("DELETE FROM inbound_binding WHERE expires_at < ?")) {
      old.setLong(1, now);
      old.executeUpdate();
    }
    try (PreparedStatement old = c.prepareStatement("DELETE FROM inbound_message WHERE created_at < ?")) {
      old.setLong(1, now - KEEP.toMillis());
      old.executeUpdate();
    }
  }

  private boolean insertClaim(Connection c, String key, String channel, String userId) throws SQLException {
    try (PreparedStatement ps =
              c.prepareStatement(
                  db.dialect().insertOrIgnore("inbound_message", "dedupe_key, channel, user_id, status, created_at", "?, ?, ?, 'running', ?"))) {
      ps.setString(1, key);
      ps.setString(2, channel);
      ps.setString(3, userId);
      ps.setLong(4, clock.millis());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Waits up to {@code wait} for a message claimed elsewhere (maybe on another node, whose memory
   * this one cannot see) to settle: its stored reply, or ASYNC when it went to the outbox. Polls the
   * table; gives up early when the claim is too old to settle any more (its node died).
   */
  public Optional<Entry> awaitSettled(String key, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<Entry> e = find(key);
      boolean stale = e.isPresent() && e.get().status() == Status.RUNNING && claimedAt(key) < clock.millis() - wait.toMillis() - STALE_AFTER_BUDGET.toMillis();
      if (e.isEmpty() || e.get().status() != Status.RUNNING || stale || System.nanoTime() >= deadline) {
        return e;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return e;
      }
    }
  }

  private long claimedAt(String key) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM inbound_message WHERE dedupe_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
            }
          }
        });
  }

  public Optional<Entry> find(String key) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT status, reply FROM inbound_message WHERE dedupe_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Entry>empty();
              }
              return Optional.of(new Entry(Status.valueOf(rs.getString(1).toUpperCase()), rs.getString(2)));
            }
          }
        });
  }

  public void record(String key, Status status, String reply) {
    db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("UPDATE inbound_message SET status = ?, reply = ? WHERE dedupe_key = ?")) {
            ps.setString(1, status.name().toLowerCase());
            ps.setString(2, reply);
            ps.setString(3, key);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Stores a finished message's reply without waiting for the commit: the claim is already durable,
   * so a crash before this commit leaves the message "running", and a retry is answered "success"
   * instead of running the bot twice (DESIGN.md, durability). Later reads see it once committed.
   *
   * @return completes once the reply is committed (the caller keeps it in memory until then)
   */
  public CompletableFuture<Integer> recordLater(String key, String reply) {
    return db.writeLater(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("UPDATE inbound_message SET status = 'done', reply = ? WHERE dedupe_key = ?")) {
            ps.setString(1, reply);
            ps.setString(2, key);
            return ps.executeUpdate();
          }
        });
  }

  /** Runs the action once every write queued so far is committed (the writer commits in queue order). */
  public void afterQueuedWrites(Runnable action) {
    try {
      db.writeLater(c -> 0).whenComplete((n, e) -> action.run());
    } catch (RuntimeException closing) {
      action.run();
    }
  }

  /** How many messages were taken on a channel (tests and diagnostics). */
  public int count(String channel) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM inbound_message WHERE channel = ?")) {
            ps.setString(1, channel);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getInt(1) : 0;
            }
          }
        });
  }
}
