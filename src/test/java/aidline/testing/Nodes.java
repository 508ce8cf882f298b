package aidline.testing;

import aidline.config.AppConfig;
import aidline.storage.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Two or more "nodes" in one test: separate {@link Database} instances (each with its own pool and
 * writer thread) on one fresh database of the engine, so a test can give each its own service
 * objects and show what one node sees of another's writes. Per-JVM memory shared by mistake would
 * make such a test pass on one node and fail here. The {@link TestDatabases} extension closes them.
 */
public final class Nodes {
  private Nodes() {}

  public static List<Database> open(TestDatabases dbs, Engine engine, int count) {
    AppConfig.Storage s = dbs.storage(engine);
    // two SQLite writers in one process contend for the file lock: give the busy handler room
    AppConfig.Storage shared = new AppConfig.Storage(s.db(), s.synchronous(), 20_000, s.poolSize(), s.user(), s.password());
    List<Database> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(dbs.open(shared));
    }
    return List.copyOf(nodes);
  }
}
