package aidline.security;

import aidline.storage.Database;
import aidline.values.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users and login tokens in SQLite. */
public final class UserStore {
  private final Database db;

  public UserStore(Database db) {
    this.db = db;
  }

  public record StoredUser(User user, String passwordHash, LoginPolicy.Counters counters) {}

  public boolean insert(User u, String hash, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  db.dialect().insertOrIgnore("users", "username, password_hash, role, display_name, disabled, created_at, updated_at",
                      "?,?,?,?,0,?,?"))) {
            ps.setString(1, u.username());
            ps.setString(2, hash);
            ps.setString(3, RoleNames.wire(u.role()));
            ps.setString(4, u.displayName());
            ps.setString(5, now.toString());
            ps.setString(6, now.toString());
            return ps.executeUpdate() == 1;
          }
        });
  }

  Database database() {
    return db;
  }

  /** Replaces a legacy hash after a successful login; unlike a reset, keeps the sessions. */
  public void setPasswordHashOnly(String username, String hash, Instant now) {
    update("UPDATE users SET password_hash = ?, updated_at = ? WHERE username = ?", hash, now.toString(), username);
  }

  public Optional<StoredUser> find(String username) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT username, password_hash, role, display_name, disabled, failed_logins, lock_count, locked_until"
                      + " FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.<StoredUser>empty();
            }
          }
        });
  }

  public List<User> list() {
    return db.withConnection(
        c -> {
          List<User> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT username, password_hash, role, display_name, disabled, failed_logins, lock_count, locked_until"
                          + " FROM users ORDER BY username");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(read(rs).user());
            }
          }
          return out;
        });
  }

  private static StoredUser read(ResultSet rs) throws SQLException {
    User u =
        new User(
            rs.getString("username"),
            RoleNames.parse(rs.getString("role")),
            rs.getString("display_name"),
            rs.getInt("disabled") != 0);
    String locked = rs.getString("locked_until");
    return new StoredUser(
        u,
        rs.getString("password_hash"),
        new LoginPolicy.Counters(
            rs.getInt("failed_logins"), rs.getInt("lock_count"), locked == null ? null : Instant.parse(locked)));
  }

  public boolean setDisabled(String username, boolean disabled, Instant now) {
    return db.inTransaction(
        c -> {
          int n = execute(c, "UPDATE users SET disabled = ?, updated_at = ? WHERE username = ?", disabled ? 1 : 0, now.toString(), username);
          if (disabled) {
            execute(c, "DELETE FROM auth_tokens WHERE username = ?", username);
          }
          return n == 1;
        });
  }

  /** A new role takes effect at the next login: the account's tokens are dropped. */
  public boolean setRole(String username, Role role, Instant now) {
    return db.inTransaction(
        c -> {
          int n = execute(c, "UPDATE users SET role = ?, updated_at = ? WHERE username = ?", RoleNames.wire(role), now.toString(), username);
          execute(c, "DELETE FROM auth_tokens WHERE username = ?", username);
          return n == 1;
        });
  }

  public boolean setPassword(String username, String hash, Instant now) {
    return db.inTransaction(
        c -> {
          int n =
              execute(
                  c,
                  "UPDATE users SET password_hash = ?, failed_logins = 0, lock_count = 0, locked_until = NULL, updated_at = ? WHERE username = ?",
                  hash, now.toString(), username);
          execute(c, "DELETE FROM auth_tokens WHERE username = ?", username);
          return n == 1;
        });
  }

  public void saveToken(String tokenHash, String username, Instant now, Instant expires) {
    update(
        "INSERT INTO auth_tokens (token_hash, username, created_at, expires_at) VALUES (?,?,?,?)",
        tokenHash, username, now.toString(), expires.toString());
  }

  /** The token's user if the token exists, has not expired and the account is enabled. */
  public Optional<User> userForToken(String tokenHash, Instant now) {
    // every request of a signed-in user runs this, so its statement stays prepared (Database.query)
    return db.query(
        "SELECT u.username, u.role, u.display_name FROM auth_tokens t JOIN users u ON u.username = t.username"
            + " WHERE t.token_hash = ? AND t.expires_at > ? AND u.disabled = 0",
        ps -> {
          ps.setString(1, tokenHash);
          ps.setString(2, now.toString());
        },
        rs -> rs.next()
            ? Optional.of(new User(rs.getString(1), RoleNames.parse(rs.getString(2)), rs.getString(3), false))
            : Optional.<User>empty());
  }

  public void deleteToken(String tokenHash) {
    update("DELETE FROM auth_tokens WHERE token_hash = ?", tokenHash);
  }

  public void purgeExpiredTokens(Instant now) {
    update("DELETE FROM auth_tokens WHERE expires_at <= ?", now.toString());
  }

  private void update(String sql, Object... args) {
    db.inTransaction(c -> execute(c, sql, args));
  }

  private static int execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }
}
