package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.Nodes;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18: logins on two nodes sharing one database, each node with its own {@link AuthService}
 * (and so its own throttle). The lockout counts every guess whichever node hears it, and a logout
 * or a disabled account on one node is honoured by the other at its next request.
 */
class SecurityNodesTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
  AuthService onA;
  AuthService onB;
  AuditLog audit;

  void open(Engine engine) {
    List<Database> nodes = Nodes.open(dbs, engine, 2);
    audit = new AuditLog(nodes.get(0), clock);
    onA = auth(nodes.get(0), audit);
    onB = auth(nodes.get(1), new AuditLog(nodes.get(1), clock));
    onA.addUser("op1", Role.OPERATOR, null, "correct-horse".toCharArray(), "test");
    onA.addUser("admin1", Role.ADMIN, null, "correct-horse".toCharArray(), "test");
  }

  AuthService auth(Database db, AuditLog log) {
    return new AuthService(new UserStore(db), new PasswordHasher(4),
        new LoginPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(15), Duration.ofMinutes(60)),
        Duration.ofHours(12), log, clock);
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void parallelGuessesSpreadOverTwoNodesLockExactlyAsOnOne(Engine engine) throws Exception {
    open(engine);
    List<String> outcomes = ParallelGuesses.run(16, "op1", "6.6.6.6", onA, onB);
    assertEquals(0, outcomes.stream().filter("ok"::equals).count());
    // as LoginThrottleTest on one node: three tries reach bcrypt, then the delay refuses the rest
    assertEquals(3, audit.find(new AuditLog.Query("op1", "login.failed", null, null, null, 100, 0)).size(), outcomes.toString());
    assertEquals(13, audit.find(new AuditLog.Query("op1", "login.throttled", null, null, null, 100, 0)).size());
    assertEquals(3, onA.failuresCounted("op1"));
    assertEquals(3, onB.failuresCounted("op1"));
    assertThrows(SecurityException.Locked.class, () -> onB.login("op1", "correct-horse".toCharArray(), "6.6.6.6"));
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aLockOnOneNodeHoldsOnTheOtherAndAnUnlockThereLiftsIt(Engine engine) {
    open(engine);
    for (int i = 0; i < 5; i++) {
      AuthService node = i % 2 == 0 ? onA : onB;
      assertThrows(RuntimeException.class, () -> node.login("op1", "wrong-password".toCharArray(), "6.6.6.6"));
      clock.advance(Duration.ofSeconds(31));
    }
    assertThrows(SecurityException.Locked.class, () -> onB.login("op1", "correct-horse".toCharArray(), "6.6.6.6"));
    onB.unlock("op1", "admin1");
    assertTrue(onA.login("op1", "correct-horse".toCharArray(), "6.6.6.6").token().length() > 20);
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aTokenFromOneNodeWorksOnTheOtherUntilLogoutOrDisableOnEither(Engine engine) {
    open(engine);
    String token = onA.login("op1", "correct-horse".toCharArray(), "1.2.3.4").token();
    assertEquals("op1", onB.userForToken(token).orElseThrow().username());
    onB.logout(token);
    assertTrue(onA.userForToken(token).isEmpty(), "logged out on B, refused on A at once");

    String again = onB.login("op1", "correct-horse".toCharArray(), "1.2.3.4").token();
    assertEquals("op1", onA.userForToken(again).orElseThrow().username());
    onA.setDisabled("op1", true, "admin1");
    assertTrue(onB.userForToken(again).isEmpty(), "disabled on A, refused on B at once");
  }
}
