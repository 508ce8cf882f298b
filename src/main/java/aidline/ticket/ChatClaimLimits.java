package aidline.ticket;

import aidline.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;

/**
 * How many times a chat identity, and a client address, may fail to prove a hotline order is
 * theirs within an hour (persisted, so a restart gives nothing back).
 */
public final class ChatClaimLimits {
  static final int PER_USER = 5;
  static final int PER_ADDRESS = 20;
  static final Duration WINDOW = Duration.ofHours(1);

  private final Database db;
  private final Clock clock;

  public ChatClaimLimits(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  boolean locked(String userKey, String addressKey) {
    return failures(userKey) >= PER_USER || (addressKey != null && failures(addressKey) >= PER_ADDRESS);
  }

  void fail(String userKey, String addressKey) {
    long now = clock.millis();
    db.write(c -> {
      // rows past the window count for nothing: dropped here, as the parent check drops its own
      try (PreparedStatement old = c.prepareStatement("DELETE FROM ticket_claim_failures WHERE at <= ?")) {
        old.setLong(1, now - WINDOW.toMillis());
        old.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_claim_failures (key, at) VALUES (?, ?)")) {
        ps.setString(1, userKey);
        ps.setLong(2, now);
        ps.addBatch();
        if (addressKey != null) {
          ps.setString(1, addressKey);
          ps.setLong(2, now);
          ps.addBatch();
        }
        return ps.executeBatch().length;
      }
    });
  }

  private int failures(String key) {
    long since = clock.millis() - WINDOW.toMillis();
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ticket_claim_failures WHERE key = ? AND at > ?")) {
        ps.setString(1, key);
        ps.setLong(2, since);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    });
  }
}
