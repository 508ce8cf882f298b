package aidline.testing;

import aidline.config.AppConfig;
import aidline.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration of an in-process application under test: the shipped knowledge base (not
 * watched), a database (a SQLite file in {@code dir}, or any {@link AppConfig.Storage} from
 * {@link TestDatabases}, so the same test runs on either engine), a free port on loopback, and the
 * test's own YAML on top.
 */
public final class InProcessConfig {
  private InProcessConfig() {}

  public static AppConfig load(Path dir, String dbFile, String yaml) throws IOException {
    return load(dir, new AppConfig.Storage(dir.resolve(dbFile).toString(), "FULL", 5000), yaml, Map.of());
  }

  public static AppConfig load(Path dir, AppConfig.Storage db, String yaml) throws IOException {
    return load(dir, db, yaml, Map.of());
  }

  /** As above, with more {@code AIDLINE_*} variables on top (a channel's token, say). */
  public static AppConfig load(Path dir, AppConfig.Storage db, String yaml, Map<String, String> env) throws IOException {
    Path cfg = Files.writeString(dir.resolve("app.yaml"), yaml);
    Map<String, String> all = new HashMap<>(Map.of(
        "AIDLINE_PORT", "0", "AIDLINE_HOST", "127.0.0.1",
        "AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString(), "AIDLINE_KB_WATCH", "false"));
    ChildServer.putDatabase(all, db);
    if (db.postgres()) {
      all.put("AIDLINE_DB_POOL", Integer.toString(db.poolSize()));
    }
    all.putAll(env);
    return new ConfigLoader().load(cfg, all);
  }
}
