package aidline.bench;

import aidline.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** In-process servers for scenarios: a fresh database, a free port, limits out of the way. */
final class BenchServers {
  private BenchServers() {}

  /** The configuration with its own database under the work folder and rate limits lifted. */
  static AppConfig config(BenchContext ctx, String name) throws IOException {
    Path dir = Files.createDirectories(ctx.workDir().resolve(name));
    Path db = dir.resolve("aidline.db");
    for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    AppConfig c = ctx.baseConfig();
    AppConfig.Security s = c.security();
    return c.withStorage(new AppConfig.Storage(db.toString(), c.storage().synchronous(), c.storage().busyTimeoutMillis()))
        .withServer(new AppConfig.Server("127.0.0.1", 0, c.server().maxBodyBytes(), 0))
        .withKnowledge(new AppConfig.Knowledge(c.knowledge().dir(), false, c.knowledge().cacheDir(), c.knowledge().retrieval()))
        .withSecurity(new AppConfig.Security(s.tokenHours(), 4, s.maxFailedLogins(), s.lockMinutes(),
            1_000_000_000, 1_000_000_000, 1_000_000_000));
  }

  static BenchApp start(BenchContext ctx, AppConfig config) {
    BenchApp app = ctx.apps().open(config);
    app.startHttp();
    return app;
  }
}
