package aidline.testing;

import aidline.config.AppConfig;
import aidline.storage.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two or more "nodes" in one test: separate {@link Database} instances (each with its own pool and
 * writer thread) on one database, so a test can give each its own service objects and show what
 * one node sees of another's writes. Per-JVM memory shared by mistake would make such a test pass
 * on one node and fail here.
 */
public final class Nodes implements AutoCloseable {
  private final List<Database> dbs = new ArrayList<>();

  private Nodes() {}

  /** {@code count} nodes on one SQLite file in {@code dir}. */
  public static Nodes sqlite(Path dir, int count) {
    Nodes n = new Nodes();
    AppConfig.Storage cfg = new AppConfig.Storage(dir.resolve("shared.db").toString(), "FULL", 10_000);
    for (int i = 0; i < count; i++) {
      n.dbs.add(Database.open(cfg));
    }
    return n;
  }

  public Database node(int i) {
    return dbs.get(i);
  }

  public int size() {
    return dbs.size();
  }

  @Override
  public void close() {
    for (Database db : dbs) {
      db.close();
    }
  }
}
