package aidline.conversation;

import aidline.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

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

  /** Longer than any channel re-delivers a message: WeChat retries for 15 s, Telegram keeps updates 24 h. */
  static final Duration KEEP = Duration.ofDays(2);

  private final Database db;
  private final Clock clock;

  public InboundLedger(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** True when this call is the first to see the key and so must process the message. */
  public boolean claim(String key, String channel, String userId) {
    return db.write(
        c -> {
          try (PreparedStatement old = c.prepareStatement("DELETE FROM inbound_message WHERE created_at < ?")) {
            old.setLong(1, clock.millis() - KEEP.toMillis());
            old.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  db.dialect().insertOrIgnore("inbound_message", "dedupe_key, channel, user_id, status, created_at", "?, ?, ?, 'running', ?"))) {
            ps.setString(1, key);
            ps.setString(2, channel);
            ps.setString(3, userId);
            ps.setLong(4, clock.millis());
            return ps.executeUpdate() == 1;
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
   */
  public void recordLater(String key, String reply) {
    db.writeLater(
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
