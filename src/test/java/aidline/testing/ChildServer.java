package aidline.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  /** {@code serve} on the port and database given, the knowledge base unwatched, output to {@code log}. */
  public static Process serve(int port, Path db, Path kb, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command("serve"));
    pb.environment().put("AIDLINE_PORT", Integer.toString(port));
    pb.environment().put("AIDLINE_DB", db.toString());
    pb.environment().put("AIDLINE_KB_DIR", kb.toString());
    pb.environment().put("AIDLINE_KB_WATCH", "false");
    pb.environment().put("AIDLINE_LOG_LEVEL", "WARN");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }
}
