package aidline.security;

import aidline.values.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Accounts and logins: add/disable/reset users, log in with lockout, resolve bearer tokens. */
public final class AuthService {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{2,32}");
  private static final int MIN_PASSWORD = 10;
  /** Any length hashes fine (pre-hash); this only keeps absurd inputs out. */
  private static final int MAX_PASSWORD = 1024;

  private final UserStore store;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Duration tokenLifetime;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public AuthService(
      UserStore store, PasswordHasher hasher, LoginPolicy policy, Duration tokenLifetime, AuditLog audit, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.throttle = new LoginThrottle(store.database(), policy);
    this.tokenLifetime = tokenLifetime;
    this.audit = audit;
    this.clock = clock;
  }

  public record Login(String token, Instant expiresAt, User user) {}

  public User addUser(String username, Role role, String displayName, char[] password, String actor) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new SecurityException.InvalidAccount("用户名只能包含字母、数字、下划线、点和连字符，长度 2-32");
    }
    checkPassword(password);
    User u = new User(username, role, displayName == null || displayName.isBlank() ? username : displayName, false);
    if (!store.insert(u, hasher.hash(password), clock.instant())) {
      throw new SecurityException.InvalidAccount("用户 " + username + " 已存在");
    }
    audit.record(actor, "user.add", username, "role=" + RoleNames.wire(role), null);
    return u;
  }

  private static void checkPassword(char[] password) {
    if (password == null || password.length < MIN_PASSWORD) {
      throw new SecurityException.InvalidAccount("密码至少 " + MIN_PASSWORD + " 位");
    }
    if (password.length > MAX_PASSWORD) {
      throw new SecurityException.InvalidAccount("密码最长 " + MAX_PASSWORD + " 个字符");
    }
  }

  public void setDisabled(String username, boolean disabled, String actor) {
    if (disabled && username != null && username.equals(actor)) {
      // an admin locking itself out may leave nobody able to undo it
      throw new SecurityException.InvalidAccount("不能停用自己的账号，请由另一位管理员操作");
    }
    if (!store.setDisabled(username, disabled, clock.instant())) {
      throw new SecurityException.InvalidAccount("用户 " + username + " 不存在");
    }
    audit.record(actor, disabled ? "user.disable" : "user.enable", username, null, null);
  }

  public void resetPassword(String username, char[] password, String actor) {
    checkPassword(password);
    if (!store.setPassword(username, hasher.hash(password), clock.instant())) {
      throw new SecurityException.InvalidAccount("用户 " + username + " 不存在");
    }
    // a reset lifts the lock as it always did (README: users reset); the lock now lives in the throttle
    throttle.unlock(username);
    audit.record(actor, "user.reset", username, null, null);
  }

  /** Lifts a login lock and its failure count (the password stays). */
  public void unlock(String username, String actor) {
    if (store.find(username).isEmpty()) {
      throw new SecurityException.InvalidAccount("用户 " + username + " 不存在");
    }
    throttle.unlock(username);
    audit.record(actor, "user.unlock", username, null, null);
  }

  /** Changes an account's role; the last enabled admin cannot be demoted, by themself or anyone. */
  public void changeRole(String username, Role role, String actor) {
    User u = store.find(username).map(UserStore.StoredUser::user)
        .orElseThrow(() -> new SecurityException.InvalidAccount("用户 " + username + " 不存在"));
    if (u.role() == role) {
      throw new SecurityException.InvalidAccount("用户 " + username + " 已经是" + RoleNames.chinese(role));
    }
    long admins = store.list().stream().filter(x -> x.role() == Role.ADMIN && !x.disabled()).count();
    if (u.role() == Role.ADMIN && !u.disabled() && admins <= 1) {
      throw new SecurityException.InvalidAccount("不能取消最后一位管理员的管理员角色，请先把另一个账号设为管理员");
    }
    store.setRole(username, role, clock.instant());
    audit.record(actor, "user.role", username, "role=" + RoleNames.wire(u.role()) + "→" + RoleNames.wire(role), null);
  }

  public List<User> users() {
    return store.list();
  }

  /**
   * Checks the password. Every attempt is counted before the check (so parallel guesses all count),
   * and a throttled name is refused the same way whether or not the account exists; unknown users
   * are checked against a decoy hash so both paths take one bcrypt. Every attempt is audited.
   */
  public Login login(String username, char[] password, String ip) {
    Instant now = clock.instant();
    long wait = throttle.admit(username, ip, now);
    if (wait > 0) {
      audit.record(String.valueOf(username), "login.throttled", null, "retry after " + wait + "s", ip);
      throw new SecurityException.Locked(wait);
    }
    char[] given = password == null || password.length > MAX_PASSWORD ? new char[0] : password;
    Optional<UserStore.StoredUser> found = username == null ? Optional.empty() : store.find(username);
    boolean ok = hasher.verify(given, found.map(UserStore.StoredUser::passwordHash).orElseGet(hasher::decoyHash))
        && found.isPresent() && given.length > 0;
    if (!ok || found.get().user().disabled()) {
      String why = found.isEmpty() ? "unknown user" : found.get().user().disabled() ? "disabled" : "bad password";
      audit.record(String.valueOf(username), "login.failed", null, why, ip);
      long next = throttle.waitSeconds(username, ip, now);
      if (next > 0) {
        throw new SecurityException.Locked(next);
      }
      throw new SecurityException.LoginFailed();
    }
    UserStore.StoredUser su = found.get();
    throttle.succeeded(username, ip, now);
    if (hasher.needsRehash(su.passwordHash())) {
      store.setPasswordHashOnly(username, hasher.hash(given), now);
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant expires = now.plus(tokenLifetime);
    store.saveToken(sha256(token), username, now, expires);
    store.purgeExpiredTokens(now);
    audit.record(username, "login", null, null, ip);
    return new Login(token, expires, su.user());
  }

  /** Failures counted against an account (every attempt until it succeeds). */
  int failuresCounted(String username) {
    return throttle.failures(username);
  }

  public Optional<User> userForToken(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    return store.userForToken(sha256(token), clock.instant());
  }

  public void logout(String token) {
    if (token != null) {
      store.deleteToken(sha256(token));
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
