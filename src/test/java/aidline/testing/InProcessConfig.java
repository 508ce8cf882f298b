package aidline.testing;

import aidline.config.AppConfig;
import aidline.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration of an in-process application under test: the shipped knowledge base (not
 * watched), a database in {@code dir}, a free port on loopback, and the test's own YAML on top.
 */
public final class InProcessConfig {
  private InProcessConfig() {}

  public static AppConfig load(Path dir, String dbFile, String yaml) throws IOException {
    Path cfg = Files.writeString(dir.resolve("app.yaml"), yaml);
    return new ConfigLoader().load(cfg, Map.of(
        "AIDLINE_DB", dir.resolve(dbFile).toString(), "AIDLINE_PORT", "0", "AIDLINE_HOST", "127.0.0.1",
        "AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString(), "AIDLINE_KB_WATCH", "false"));
  }
}
