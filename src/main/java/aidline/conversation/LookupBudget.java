package aidline.conversation;

import aidline.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many work orders a chat user, and a client address, may look up by number in an hour. Someone
 * walking through {@code JY…} numbers learns nothing from the neutral reply, and is also slowed
 * down to a few tries (issue 15, H1). In the database (table {@code lookup_budget}), so the hour is
 * shared by every node and survives a restart (issue 18); lookups are rare, so one write each is
 * cheap. A bucket's row is locked while it is checked and updated, so two nodes never both take
 * the last try.
 */
public final class LookupBudget {
  private final Database db;
  private final int perUser;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;

  /** @param db null: no limit */
  public LookupBudget(Database db, int perUser, int perAddress, Duration window, Clock clock) {
    this.db = db;
    this.perUser = perUser;
    this.perAddress = perAddress;
    this.window = window;
    this.clock = clock;
  }

  /** No limit: tests and tools that look up their own orders. */
  public static LookupBudget unlimited() {
    return new LookupBudget(null, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofHours(1), Clock.systemUTC());
  }

  /** Takes one lookup for this asker (and their address, when the channel has one); false when used up. */
  boolean take(InboundMessage m) {
    if (db == null) {
      return true;
    }
    long now = clock.millis();
    long since = now - window.toMillis();
    // sorted, so concurrent takes lock shared buckets in the same order
    Map<String, Integer> limits = new TreeMap<>();
    limits.put("u:" + m.channel() + ":" + m.userId(), perUser);
    if (m.source() != null) {
      limits.put("a:" + m.source(), perAddress);
    }
    return db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM lookup_budget WHERE last_used <= ?")) {
            ps.setLong(1, since);
            ps.executeUpdate();
          }
          Map<String, List<Long>> uses = new TreeMap<>();
          for (var e : limits.entrySet()) {
            List<Long> recent = lockedUses(c, e.getKey(), now, since, db.dialect().forUpdate());
            if (recent.size() >= e.getValue()) {
              return false;
            }
            recent.add(now);
            uses.put(e.getKey(), recent);
          }
          try (PreparedStatement ps = c.prepareStatement("UPDATE lookup_budget SET uses = ?, last_used = ? WHERE bucket = ?")) {
            for (var e : uses.entrySet()) {
              ps.setString(1, e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")));
              ps.setLong(2, now);
              ps.setString(3, e.getKey());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return true;
        });
  }

  /** The bucket's uses inside the window, its row created if new and locked. */
  private static List<Long> lockedUses(Connection c, String bucket, long now, long since, String forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO lookup_budget (bucket, uses, last_used) VALUES (?, '', ?) ON CONFLICT (bucket) DO NOTHING")) {
      ps.setString(1, bucket);
      ps.setLong(2, now);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT uses FROM lookup_budget WHERE bucket = ?" + forUpdate)) {
      ps.setString(1, bucket);
      try (ResultSet rs = ps.executeQuery()) {
        String text = rs.next() ? rs.getString(1) : "";
        List<Long> recent = new ArrayList<>();
        Arrays.stream(text.split(",")).filter(s -> !s.isEmpty()).map(Long::parseLong).filter(t -> t > since).forEach(recent::add);
        return recent;
      }
    }
  }
}
