package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.storage.Database;
import aidline.storage.StorageException;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class AuthServiceTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  Database db;
  MutableClock clock;
  AuditLog audit;
  AuthService auth;

  @BeforeEach
  void setUp() {
    db = dbs.open(engine);
    clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    audit = new AuditLog(db, clock);
    auth = new AuthService(new UserStore(db), new PasswordHasher(4), new LoginPolicy(5, Duration.ofMinutes(15)),
        Duration.ofHours(12), audit, clock);
    auth.addUser("op1", Role.OPERATOR, "接线员一", "correct-horse".toCharArray(), "test");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void loginGivesATokenThatExpires() {
    AuthService.Login login = auth.login("op1", "correct-horse".toCharArray(), "127.0.0.1");
    assertEquals(Role.OPERATOR, auth.userForToken(login.token()).orElseThrow().role());
    clock.advance(Duration.ofHours(12));
    assertTrue(auth.userForToken(login.token()).isEmpty());
  }

  @Test
  void fiveFailuresLockTheAccountEvenForTheRightPassword() {
    for (int i = 0; i < 4; i++) {
      assertThrows(SecurityException.LoginFailed.class, () -> auth.login("op1", "wrong-password".toCharArray(), "1.2.3.4"));
    }
    assertThrows(SecurityException.Locked.class, () -> auth.login("op1", "wrong-password".toCharArray(), "1.2.3.4"));
    assertThrows(SecurityException.Locked.class, () -> auth.login("op1", "correct-horse".toCharArray(), "1.2.3.4"));
    clock.advance(Duration.ofMinutes(16));
    auth.login("op1", "correct-horse".toCharArray(), "1.2.3.4");
  }

  @Test
  void unknownUserAndWrongPasswordLookTheSame() {
    var a = assertThrows(SecurityException.LoginFailed.class, () -> auth.login("nobody", "x".toCharArray(), null));
    var b = assertThrows(SecurityException.LoginFailed.class, () -> auth.login("op1", "x".toCharArray(), null));
    assertEquals(a.getMessage(), b.getMessage());
  }

  @Test
  void unlockLiftsTheLockAndIsAudited() {
    for (int i = 0; i < 5; i++) {
      assertThrows(SecurityException.class, () -> auth.login("op1", "wrong-password".toCharArray(), "1.2.3.4"));
    }
    assertThrows(SecurityException.Locked.class, () -> auth.login("op1", "correct-horse".toCharArray(), "1.2.3.4"));
    auth.unlock("op1", "admin1");
    // the address's own short delay still runs out on its own; the account's 15-minute lock does not need to
    clock.advance(Duration.ofSeconds(31));
    auth.login("op1", "correct-horse".toCharArray(), "1.2.3.4");
    assertEquals(1, audit.find(new AuditLog.Query("admin1", "user.unlock", "op1", null, null, 10, 0)).size());
  }

  @Test
  void aPasswordResetLiftsTheLock() {
    for (int i = 0; i < 5; i++) {
      assertThrows(SecurityException.class, () -> auth.login("op1", "wrong-password".toCharArray(), "1.2.3.4"));
    }
    assertThrows(SecurityException.Locked.class, () -> auth.login("op1", "correct-horse".toCharArray(), "1.2.3.4"));
    auth.resetPassword("op1", "a-new-password-1".toCharArray(), "admin1");
    clock.advance(Duration.ofSeconds(31));
    auth.login("op1", "a-new-password-1".toCharArray(), "1.2.3.4");
  }

  @Test
  void theLastAdminCannotBeDemotedAndARoleChangeEndsSessions() {
    auth.addUser("boss", Role.ADMIN, "管理员", "admin-pass-123".toCharArray(), "test");
    var refused = assertThrows(SecurityException.InvalidAccount.class, () -> auth.changeRole("boss", Role.STAFF, "boss"));
    assertTrue(refused.getMessage().contains("最后一位管理员"), refused.getMessage());
    assertEquals(Role.ADMIN, auth.users().stream().filter(u -> u.username().equals("boss")).findFirst().orElseThrow().role());
    String token = auth.login("op1", "correct-horse".toCharArray(), null).token();
    auth.changeRole("op1", Role.ADMIN, "boss");
    assertTrue(auth.userForToken(token).isEmpty(), "the new role applies from the next login");
    auth.changeRole("boss", Role.STAFF, "boss");
    assertEquals(Role.STAFF, auth.users().stream().filter(u -> u.username().equals("boss")).findFirst().orElseThrow().role());
    var audited = audit.find(new AuditLog.Query("boss", "user.role", null, null, null, 10, 0));
    assertEquals(2, audited.size());
    assertTrue(audited.get(0).detail().contains("admin→staff"), audited.get(0).detail());
  }

  @Test
  void disablingEndsSessionsAndBlocksLogin() {
    String token = auth.login("op1", "correct-horse".toCharArray(), null).token();
    auth.setDisabled("op1", true, "admin");
    assertTrue(auth.userForToken(token).isEmpty());
    assertThrows(SecurityException.LoginFailed.class, () -> auth.login("op1", "correct-horse".toCharArray(), null));
  }

  @Test
  void rejectsWeakPasswordsBadNamesAndDuplicates() {
    assertThrows(SecurityException.InvalidAccount.class, () -> auth.addUser("op2", Role.OPERATOR, null, "short".toCharArray(), "t"));
    assertThrows(SecurityException.InvalidAccount.class, () -> auth.addUser("a b", Role.OPERATOR, null, "long-enough-pw".toCharArray(), "t"));
    assertThrows(SecurityException.InvalidAccount.class, () -> auth.addUser("op1", Role.STAFF, null, "long-enough-pw".toCharArray(), "t"));
    assertEquals(1, auth.users().size());
  }

  @Test
  void auditRecordsLoginsAndRefusesEdits() {
    auth.login("op1", "correct-horse".toCharArray(), "10.0.0.1");
    assertThrows(SecurityException.LoginFailed.class, () -> auth.login("op1", "nope-nope".toCharArray(), "10.0.0.1"));
    List<AuditLog.Entry> logins = audit.find(new AuditLog.Query("op1", "login", null, null, null, 10, 0));
    assertEquals(List.of("login.failed", "login"), logins.stream().map(AuditLog.Entry::action).toList());
    assertThrows(StorageException.class, () -> db.inTransaction(c -> {
      try (Statement st = c.createStatement()) {
        return st.executeUpdate("DELETE FROM audit_log");
      }
    }));
    assertEquals(3, audit.find(new AuditLog.Query(null, null, null, null, null, 10, 0)).size());
  }
}
