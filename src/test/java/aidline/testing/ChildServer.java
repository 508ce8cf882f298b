package aidline.testing;

import aidline.config.AppConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the real {@code serve} in a child JVM on the test classpath, as full-app tests need. */
public final class ChildServer {
  private ChildServer() {}

  /** The JVM command line that runs aidline's Main with the given arguments. */
  public static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("aidline.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** {@code serve} on the port and SQLite file given, the knowledge base unwatched, output to {@code log}. */
  public static Process serve(int port, Path db, Path kb, Path log) throws IOException {
    return serve(port, new AppConfig.Storage(db.toString(), "FULL", 5000), kb, log, Map.of());
  }

  /**
   * {@code serve} on the port and database given (a SQLite file or a PostgreSQL database, see
   * {@link TestDatabases#storage}), the knowledge base unwatched, {@code env} on top, output
   * appended to {@code log}.
   */
  public static Process serve(int port, AppConfig.Storage db, Path kb, Path log, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command("serve"));
    pb.environment().put("AIDLINE_PORT", Integer.toString(port));
    pb.environment().put("AIDLINE_HOST", "127.0.0.1");
    putDatabase(pb.environment(), db);
    pb.environment().put("AIDLINE_KB_DIR", kb.toString());
    pb.environment().put("AIDLINE_KB_WATCH", "false");
    pb.environment().put("AIDLINE_LOG_LEVEL", "WARN");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /** The database's variables, as an operator would export them: AIDLINE_DB and, on PostgreSQL, its user and password. */
  public static void putDatabase(Map<String, String> env, AppConfig.Storage db) {
    env.put("AIDLINE_DB", db.db());
    if (db.postgres()) {
      env.put("AIDLINE_DB_USER", db.user());
      env.put("AIDLINE_DB_PASSWORD", db.password() == null ? "" : db.password());
    }
  }
}
