package aidline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The whole configuration, after file and environment overrides, validated. */
public record AppConfig(
    Server server,
    Storage storage,
    Knowledge knowledge,
    Wechat wechat,
    Telegram telegram,
    Tickets tickets,
    Security security,
    Cluster cluster) {

  public record Server(String host, int port, long maxBodyBytes, long shutdownGraceMillis) {}

  /**
   * @param db a SQLite file path, or {@code jdbc:postgresql://HOST:PORT/DB}
   * @param poolSize PostgreSQL connections per node (SQLite keeps its own small pool)
   * @param user PostgreSQL user (blank: the driver's default)
   * @param password PostgreSQL password; never printed ({@link #toString} masks it)
   * @param commit {@code group} (small writes share one commit on one writer thread) or {@code plain}
   *     (each write its own transaction on the caller's thread), see DESIGN "Storage engines"
   */
  public record Storage(String db, String synchronous, int busyTimeoutMillis, int poolSize, String user, String password,
      String commit) {
    public static final String POSTGRES_PREFIX = "jdbc:postgresql://";

    public static final String GROUP_COMMIT = "group";
    public static final String PLAIN_COMMIT = "plain";

    public Storage(String db, String synchronous, int busyTimeoutMillis) {
      this(db, synchronous, busyTimeoutMillis, 10, "", "");
    }

    public Storage(String db, String synchronous, int busyTimeoutMillis, int poolSize, String user, String password) {
      this(db, synchronous, busyTimeoutMillis, poolSize, user, password, GROUP_COMMIT);
    }

    public Storage {
      commit = commit == null || commit.isBlank() ? GROUP_COMMIT : commit.strip().toLowerCase(Locale.ROOT);
    }

    public boolean groupCommit() {
      return GROUP_COMMIT.equals(commit);
    }

    public boolean postgres() {
      return db != null && db.strip().startsWith(POSTGRES_PREFIX);
    }

    public Path dbPath() {
      if (postgres()) {
        // file commands (backup, restore) on a PostgreSQL configuration
        throw new ConfigException("storage.db (AIDLINE_DB)", "是 PostgreSQL 数据库而不是 SQLite 文件；PostgreSQL 请用 pg_dump / pg_restore 备份和恢复");
      }
      return Path.of(db);
    }

    @Override
    public String toString() {
      return "Storage[db=" + (postgres() ? "(PostgreSQL)" : db) + ", synchronous=" + synchronous
          + ", busyTimeoutMillis=" + busyTimeoutMillis + ", poolSize=" + poolSize + ", user=" + user
          + ", password=" + (password == null || password.isEmpty() ? "" : "***") + ", commit=" + commit + "]";
    }
  }

  /**
   * @param cacheDir folder of the persisted index and passage vectors (blank: in memory)
   * @param retrieval hybrid, lexical or vector
   */
  public record Knowledge(String dir, boolean watch, String cacheDir, String retrieval) {
    public Knowledge(String dir, boolean watch) {
      this(dir, watch, "tickets/kb-cache", "hybrid");
    }

    public Path dirPath() {
      return Path.of(dir);
    }

    public Path cachePath() {
      return cacheDir == null || cacheDir.isBlank() ? null : Path.of(cacheDir);
    }
  }

  /**
   * @param replyBudgetMillis how long a callback waits for the answer before replying "success" and
   *     sending it as a 客服 message instead (WeChat gives up after 5 s)
   * @param templateId template message used to reach a follower outside the 48-hour 客服 window
   */
  /**
   * @param maxClockSkewSeconds callbacks whose timestamp is further than this from now are refused
   * @param perMinutePerOpenid messages one follower may send per minute before polite refusals
   * @param callbackIpAllowlist accept callbacks only from WeChat's published callback IPs
   *     (getcallbackip, refreshed hourly; needs appId and secret)
   */
  public record Wechat(
      String token, String aesKey, String appId, String secret, String apiHost, long replyBudgetMillis, String templateId,
      long maxClockSkewSeconds, int perMinutePerOpenid, boolean callbackIpAllowlist) {
    public Wechat(
        String token, String aesKey, String appId, String secret, String apiHost, long replyBudgetMillis, String templateId) {
      this(token, aesKey, appId, secret, apiHost, replyBudgetMillis, templateId, 300, 20, false);
    }

    public boolean enabled() {
      return token != null && !token.isBlank();
    }

    /** The same account with another per-follower rate (a node's share, see {@link Cluster}). */
    public Wechat withPerMinutePerOpenid(int perMinute) {
      return new Wechat(token, aesKey, appId, secret, apiHost, replyBudgetMillis, templateId, maxClockSkewSeconds, perMinute,
          callbackIpAllowlist);
    }

    /** Safe mode (安全模式) is configured: then plaintext callbacks are refused. */
    public boolean aesRequired() {
      return aesKey != null && !aesKey.isBlank();
    }
  }

  public record Telegram(String token, String apiUrl) {
    public boolean enabled() {
      return token != null && !token.isBlank();
    }
  }

  /** @param dueSoonHours the console marks an open order 即将超期 this many hours before its deadline */
  public record Tickets(String categories, String holidays, int dueSoonHours) {
    public Tickets(String categories, String holidays) {
      this(categories, holidays, 24);
    }

    public Path categoriesPath() {
      return Path.of(categories);
    }

    public Path holidaysPath() {
      return Path.of(holidays);
    }
  }

  /**
   * @param loginDelayAfterFailures failures in a row (per account and IP) after which each further
   *     attempt waits a doubling delay, up to {@code loginMaxDelaySeconds}
   * @param trustedProxies addresses of reverse proxies whose X-Forwarded-Proto/-For are believed
   */
  public record Security(
      int tokenHours,
      int bcryptCost,
      int maxFailedLogins,
      int lockMinutes,
      int chatPerMinutePerUser,
      int chatPerMinutePerIp,
      int loginPerMinutePerIp,
      int loginDelayAfterFailures,
      int loginMaxDelaySeconds,
      List<String> trustedProxies) {
    public Security(int tokenHours, int bcryptCost, int maxFailedLogins, int lockMinutes,
        int chatPerMinutePerUser, int chatPerMinutePerIp, int loginPerMinutePerIp) {
      this(tokenHours, bcryptCost, maxFailedLogins, lockMinutes, chatPerMinutePerUser, chatPerMinutePerIp,
          loginPerMinutePerIp, 3, 30, List.of());
    }

    public Security {
      trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
  }

  /**
   * @param nodes how many {@code serve} processes share the database; limits kept in each process's
   *     memory (the per-request rate limits) are divided by it, so together they allow the configured
   *     rate (DESIGN.md, "What is shared between nodes")
   */
  public record Cluster(int nodes) {
    /** This node's share of a per-minute limit: the limit divided by the nodes, at least 1. */
    public int perNode(int limit) {
      return Math.max(1, limit / Math.max(1, nodes));
    }
  }

  public AppConfig withServer(Server s) {
    return new AppConfig(s, storage, knowledge, wechat, telegram, tickets, security, cluster);
  }

  public AppConfig withStorage(Storage s) {
    return new AppConfig(server, s, knowledge, wechat, telegram, tickets, security, cluster);
  }

  public AppConfig withSecurity(Security s) {
    return new AppConfig(server, storage, knowledge, wechat, telegram, tickets, s, cluster);
  }

  public AppConfig withWechat(Wechat w) {
    return new AppConfig(server, storage, knowledge, w, telegram, tickets, security, cluster);
  }

  public AppConfig withKnowledge(Knowledge k) {
    return new AppConfig(server, storage, k, wechat, telegram, tickets, security, cluster);
  }
}
