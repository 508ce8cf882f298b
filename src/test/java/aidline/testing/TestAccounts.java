package aidline.testing;

import aidline.config.AppConfig;
import aidline.security.AuditLog;
import aidline.security.AuthService;
import aidline.security.LoginPolicy;
import aidline.security.PasswordHasher;
import aidline.security.RoleNames;
import aidline.security.UserStore;
import aidline.storage.Database;
import aidline.values.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Accounts for full-app tests: creates a user in the database a child server will open and mints a
 * login token for it (tokens live in the database, so the server accepts it).
 */
public final class TestAccounts {
  private TestAccounts() {}

  public static String token(Path dbFile, Role role) {
    return token(new AppConfig.Storage(dbFile.toString(), "FULL", 5000), role);
  }

  /** On either engine: the database is opened (and migrated) for this and closed again. */
  public static String token(AppConfig.Storage storage, Role role) {
    try (Database db = Database.open(storage)) {
      return token(db, role);
    }
  }

  public static String token(Database db, Role role) {
    AuthService auth = new AuthService(new UserStore(db), new PasswordHasher(4), new LoginPolicy(5, Duration.ofMinutes(15)),
        Duration.ofHours(12), new AuditLog(db, Clock.systemUTC()), Clock.systemUTC());
    String name = "test-" + RoleNames.wire(role);
    if (auth.users().stream().noneMatch(u -> u.username().equals(name))) {
      auth.addUser(name, role, null, "test-password-123".toCharArray(), "test");
    }
    return auth.login(name, "test-password-123".toCharArray(), "127.0.0.1").token();
  }
}
