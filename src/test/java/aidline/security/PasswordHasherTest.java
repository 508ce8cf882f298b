package aidline.security;

import aidline.values.Role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.storage.Database;
import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, M3: passwords longer than bcrypt's 72 bytes. */
class PasswordHasherTest {
  static final String LONG = "我们的家庭住址在湖南省岳阳市华容县城关镇某某村第三组门牌号二十八号请勿外传谢谢";

  @TempDir Path dir;

  @Test
  void longChinesePasswordsHashAndOnlyTheWholeOneVerifies() {
    PasswordHasher h = new PasswordHasher(4);
    String hash = h.hash(LONG.toCharArray());
    assertTrue(h.verify(LONG.toCharArray(), hash));
    // bcrypt alone would ignore everything after the 72nd byte
    assertFalse(h.verify((LONG + "改").toCharArray(), hash));
    assertFalse(h.verify(LONG.substring(0, 24).toCharArray(), hash));
  }

  @Test
  void longPasswordsWorkEndToEndAndAbsurdOnesAreAClearError() {
    try (Database db = Database.open(new AppConfig.Storage(dir.resolve("p.db").toString(), "FULL", 5000))) {
      AuthService auth = new AuthService(new UserStore(db), new PasswordHasher(4), new LoginPolicy(5, Duration.ofMinutes(15)),
          Duration.ofHours(1), new AuditLog(db, Clock.systemUTC()), Clock.systemUTC());
      auth.addUser("long", Role.STAFF, null, LONG.toCharArray(), "t");
      auth.login("long", LONG.toCharArray(), "1.1.1.1");
      SecurityException.InvalidAccount e = assertThrows(SecurityException.InvalidAccount.class,
          () -> auth.addUser("huge", Role.STAFF, null, "密".repeat(2000).toCharArray(), "t"));
      assertTrue(e.getMessage().contains("密码最长"));
      assertThrows(SecurityException.LoginFailed.class, () -> auth.login("long", "密".repeat(5000).toCharArray(), "1.1.1.1"));
    }
  }

  @Test
  void legacyPlainBcryptHashesStillVerifyAndAreUpgradedAtLogin() {
    try (Database db = Database.open(new AppConfig.Storage(dir.resolve("l.db").toString(), "FULL", 5000))) {
      UserStore store = new UserStore(db);
      String legacy = BCrypt.withDefaults().hashToString(4, "old-password-1".toCharArray());
      store.insert(new User("old", Role.OPERATOR, "old", false), legacy, java.time.Instant.now());
      PasswordHasher h = new PasswordHasher(4);
      AuthService auth = new AuthService(store, h, new LoginPolicy(5, Duration.ofMinutes(15)),
          Duration.ofHours(1), new AuditLog(db, Clock.systemUTC()), Clock.systemUTC());
      assertThrows(SecurityException.LoginFailed.class, () -> auth.login("old", LONG.toCharArray(), "1.1.1.1"));
      auth.login("old", "old-password-1".toCharArray(), "1.1.1.1");
      String upgraded = store.find("old").orElseThrow().passwordHash();
      assertTrue(upgraded.startsWith(PasswordHasher.PREFIX));
      assertEquals(false, h.needsRehash(upgraded));
      auth.login("old", "old-password-1".toCharArray(), "1.1.1.1");
    }
  }
}
