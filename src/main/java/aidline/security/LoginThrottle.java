package aidline.security;

import aidline.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Login throttling on three keys at once: the account from this IP (tight: delays, then a lock),
 * the account from anywhere and the IP across accounts (both wider). A stranger therefore locks
 * only his own pair quickly; the owner, from another address, keeps logging in. Every attempt is
 * counted before the password is checked, in one write that locks the keys' rows, so parallel
 * guesses, on one node or several sharing the database, are all counted and none slips past a lock
 * (the lost update of issue 15, H2; issue 18). Keys use
 * the name as typed, whether or not the account exists (M2).
 */
final class LoginThrottle {
  private static final Duration FORGET_AFTER = Duration.ofDays(1);

  private final Database db;
  private final LoginPolicy pair;
  private final LoginPolicy account;
  private final LoginPolicy address;

  LoginThrottle(Database db, LoginPolicy pair) {
    this.db = db;
    this.pair = pair;
    this.account = pair.widened(4);
    this.address = pair.widened(6);
  }

  private record Key(String key, LoginPolicy policy, boolean resetOnSuccess) {}

  private List<Key> keys(String username, String ip) {
    String name = username == null ? "" : username.length() > 64 ? username.substring(0, 64) : username;
    String from = ip == null ? "-" : ip;
    List<Key> keys = new ArrayList<>();
    keys.add(new Key("pair:" + name + "|" + from, pair, true));
    keys.add(new Key("acct:" + name, account, true));
    if (ip != null) {
      keys.add(new Key("ip:" + from, address, false));
    }
    return keys;
  }

  /**
   * Counts one attempt as a failure in advance (undone by {@link #succeeded}); returns 0, or the
   * seconds to wait when any key is locked or delayed (then nothing is counted).
   */
  long admit(String username, String ip, Instant now) {
    List<Key> keys = keys(username, ip);
    return db.write(
        c -> {
          long wait = 0;
          List<LoginPolicy.Counters> current = new ArrayList<>();
          for (Key k : keys) {
            LoginPolicy.Counters counters = lockedRead(c, k.key(), now, db.dialect().forUpdate());
            current.add(counters);
            wait = Math.max(wait, wait(counters, now));
          }
          if (wait > 0) {
            return wait;
          }
          for (int i = 0; i < keys.size(); i++) {
            save(c, keys.get(i).key(), keys.get(i).policy().afterFailure(current.get(i), now), now);
          }
          try (PreparedStatement ps = c.prepareStatement(
              "DELETE FROM login_throttle WHERE updated_at < ? AND (not_before IS NULL OR not_before < ?)")) {
            ps.setString(1, now.minus(FORGET_AFTER).toString());
            ps.setString(2, now.toString());
            ps.executeUpdate();
          }
          return 0L;
        });
  }

  /** Seconds until the next attempt is heard (0: now), without counting anything. */
  long waitSeconds(String username, String ip, Instant now) {
    return db.withConnection(c -> {
      long wait = 0;
      for (Key k : keys(username, ip)) {
        wait = Math.max(wait, wait(read(c, k.key()), now));
      }
      return wait;
    });
  }

  private static long wait(LoginPolicy.Counters counters, Instant now) {
    return counters.lockedAt(now) ? Math.max(1, (Duration.between(now, counters.lockedUntil()).toMillis() + 999) / 1000) : 0;
  }

  /** Forgets the account's failures and takes the advance count back from the IP's. */
  void succeeded(String username, String ip, Instant now) {
    List<Key> keys = keys(username, ip);
    db.write(
        c -> {
          for (Key k : keys) {
            if (k.resetOnSuccess()) {
              try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_throttle WHERE key = ?")) {
                ps.setString(1, k.key());
                ps.executeUpdate();
              }
            } else {
              try (PreparedStatement ps = c.prepareStatement(
                  "UPDATE login_throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END, updated_at = ? WHERE key = ?")) {
                ps.setString(1, now.toString());
                ps.setString(2, k.key());
                ps.executeUpdate();
              }
            }
          }
          return null;
        });
  }

  /** An admin's unlock: forgets the account's counts from every address (an address's own count stays). */
  void unlock(String username) {
    db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "DELETE FROM login_throttle WHERE key = ? OR substr(key, 1, length(?)) = ?")) {
            ps.setString(1, "acct:" + username);
            ps.setString(2, "pair:" + username + "|");
            ps.setString(3, "pair:" + username + "|");
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The stored failure count of an account (for tests and the admin view). */
  int failures(String username) {
    return db.withConnection(c -> read(c, "acct:" + username).failedLogins());
  }

  /**
   * The key's counters, its row created if new and locked until the write commits: two nodes
   * counting the same key take turns (PostgreSQL's row lock; SQLite's one writer already serialises
   * every write transaction), so no attempt is lost between a read and its update.
   */
  private static LoginPolicy.Counters lockedRead(Connection c, String key, Instant now, String forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO login_throttle (key, failures, lock_count, not_before, updated_at) VALUES (?, 0, 0, NULL, ?)"
            + " ON CONFLICT (key) DO NOTHING")) {
      ps.setString(1, key);
      ps.setString(2, now.toString());
      ps.executeUpdate();
    }
    return read(c, key, forUpdate);
  }

  private static LoginPolicy.Counters read(Connection c, String key) throws SQLException {
    return read(c, key, "");
  }

  private static LoginPolicy.Counters read(Connection c, String key, String lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT failures, lock_count, not_before FROM login_throttle WHERE key = ?" + lock)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return LoginPolicy.Counters.NONE;
        }
        String nb = rs.getString(3);
        return new LoginPolicy.Counters(rs.getInt(1), rs.getInt(2), nb == null ? null : Instant.parse(nb));
      }
    }
  }

  private static void save(Connection c, String key, LoginPolicy.Counters k, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO login_throttle (key, failures, lock_count, not_before, updated_at) VALUES (?,?,?,?,?)"
            + " ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, lock_count = excluded.lock_count,"
            + " not_before = excluded.not_before, updated_at = excluded.updated_at")) {
      ps.setString(1, key);
      ps.setInt(2, k.failedLogins());
      ps.setInt(3, k.lockCount());
      ps.setString(4, k.lockedUntil() == null ? null : k.lockedUntil().toString());
      ps.setString(5, now.toString());
      ps.executeUpdate();
    }
  }
}
