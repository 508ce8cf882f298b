package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import java.nio.file.Path;
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

/** Issue 15, H2 and M2: the lockout under parallel guesses, and what it tells a stranger. */
@ParameterizedClass
@EnumSource(Engine.class)
class LoginThrottleTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  Database db;
  MutableClock clock;
  AuthService auth;
  AuditLog audit;

  @BeforeEach
  void setUp() {
    db = dbs.open(engine);
    clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    auth = new AuthService(new UserStore(db), new PasswordHasher(4),
        new LoginPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(15), Duration.ofMinutes(60)),
        Duration.ofHours(12), audit = new AuditLog(db, clock), clock);
    auth.addUser("op1", Role.OPERATOR, null, "correct-horse".toCharArray(), "test");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void parallelGuessesAreAllCountedAndNoneSlipsPastTheLimit() throws Exception {
    List<String> outcomes = ParallelGuesses.run(15, "op1", "6.6.6.6", auth);
    assertEquals(0, outcomes.stream().filter("ok"::equals).count());
    // three tries, then the progressive delay: the other twelve never reach bcrypt
    assertEquals(3, audit.find(new AuditLog.Query("op1", "login.failed", null, null, null, 100, 0)).size(), outcomes.toString());
    assertEquals(12, audit.find(new AuditLog.Query("op1", "login.throttled", null, null, null, 100, 0)).size());
    assertEquals(3, auth.failuresCounted("op1"));
    assertThrows(SecurityException.Locked.class, () -> auth.login("op1", "correct-horse".toCharArray(), "6.6.6.6"));
  }

  @Test
  void unknownAndKnownNamesAreThrottledAlike() {
    SecurityException.Locked known = null;
    SecurityException.Locked unknown = null;
    for (int i = 0; i < 4; i++) {
      try {
        auth.login("op1", "wrong-password".toCharArray(), "7.7.7.7");
      } catch (SecurityException.Locked e) {
        known = known == null ? e : known;
      } catch (SecurityException.LoginFailed expected) {
        // counted
      }
      try {
        auth.login("nobody-here", "wrong-password".toCharArray(), "8.8.8.8");
      } catch (SecurityException.Locked e) {
        unknown = unknown == null ? e : unknown;
      } catch (SecurityException.LoginFailed expected) {
        // counted
      }
    }
    assertTrue(known != null && unknown != null, "both names must be throttled after three failures");
    assertEquals(known.getMessage(), unknown.getMessage());
    assertEquals(known.retryAfterSeconds(), unknown.retryAfterSeconds());
  }

  @Test
  void aStrangerLocksOnlyHimselfNotTheOwner() {
    for (int i = 0; i < 5; i++) {
      assertThrows(SecurityException.class, () -> auth.login("op1", "guess".toCharArray(), "6.6.6.6"));
      clock.advance(Duration.ofSeconds(31));
    }
    assertThrows(SecurityException.Locked.class, () -> auth.login("op1", "correct-horse".toCharArray(), "6.6.6.6"));
    auth.login("op1", "correct-horse".toCharArray(), "10.0.0.5");
  }

  @Test
  void oneAddressGuessingManyAccountsIsSlowedDown() {
    int refused = 0;
    for (int i = 0; i < 40; i++) {
      try {
        auth.login("name" + i, "guess".toCharArray(), "6.6.6.6");
      } catch (SecurityException.Locked e) {
        refused++;
      } catch (SecurityException.LoginFailed counted) {
        // counted
      }
    }
    assertTrue(refused > 0, "40 names from one address in the same second must meet a delay");
  }

  @Test
  void delaysGrowThenTheAccountLocksAndSuccessClearsIt() {
    for (int i = 0; i < 2; i++) {
      assertThrows(SecurityException.LoginFailed.class, () -> auth.login("op1", "guess".toCharArray(), "1.1.1.1"));
    }
    // the third failure starts a one-second delay, the fourth a two-second one
    assertEquals(1, assertThrows(SecurityException.Locked.class,
        () -> auth.login("op1", "guess".toCharArray(), "1.1.1.1")).retryAfterSeconds());
    assertEquals(1, assertThrows(SecurityException.Locked.class,
        () -> auth.login("op1", "correct-horse".toCharArray(), "1.1.1.1")).retryAfterSeconds());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, assertThrows(SecurityException.Locked.class,
        () -> auth.login("op1", "guess".toCharArray(), "1.1.1.1")).retryAfterSeconds());
    clock.advance(Duration.ofSeconds(2));
    auth.login("op1", "correct-horse".toCharArray(), "1.1.1.1");
    assertEquals(0, auth.failuresCounted("op1"));
  }
}
