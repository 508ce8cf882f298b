package aidline.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Wrong-password logins fired at once, spread round-robin over the given nodes' AuthServices. */
final class ParallelGuesses {
  private ParallelGuesses() {}

  /** Each guess's outcome: "ok" (logged in), "checked" (password checked, wrong) or "refused" (locked). */
  static List<String> run(int guesses, String username, String ip, AuthService... nodes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < guesses; i++) {
        AuthService node = nodes[i % nodes.length];
        calls.add(() -> {
          try {
            node.login(username, "wrong-password".toCharArray(), ip);
            return "ok";
          } catch (SecurityException.LoginFailed e) {
            return "checked";
          } catch (SecurityException.Locked e) {
            return "refused";
          }
        });
      }
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(calls)) {
        outcomes.add(f.get());
      }
      return outcomes;
    } finally {
      pool.shutdown();
    }
  }
}
