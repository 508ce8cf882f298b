package aidline.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Checks values that parse but cannot work, so start-up fails early with the key named. */
final class ConfigValidator {
  private static final Set<String> SYNC_MODES = Set.of("OFF", "NORMAL", "FULL", "EXTRA");

  private ConfigValidator() {}

  static AppConfig validate(AppConfig c) {
    int port = c.server().port();
    if (port < 0 || port > 65535) {
      throw new ConfigException("server.port (AIDLINE_PORT)", "端口 " + port + " 超出范围 0-65535");
    }
    if (c.server().maxBodyBytes() < 1024) {
      throw new ConfigException("server.maxBodyBytes", "至少 1024 字节");
    }
    if (!SYNC_MODES.contains(c.storage().synchronous().toUpperCase())) {
      throw new ConfigException("storage.synchronous", "只能是 " + SYNC_MODES);
    }
    checkStorage(c.storage());
    AppConfig.Security s = c.security();
    if (s.bcryptCost() < 4 || s.bcryptCost() > 31) {
      throw new ConfigException("security.bcryptCost", "必须在 4 到 31 之间");
    }
    if (s.tokenHours() < 1 || s.maxFailedLogins() < 1 || s.lockMinutes() < 1) {
      throw new ConfigException("security", "tokenHours、maxFailedLogins、lockMinutes 必须为正数");
    }
    if (s.chatPerMinutePerUser() < 1 || s.chatPerMinutePerIp() < 1 || s.loginPerMinutePerIp() < 1) {
      throw new ConfigException("security", "限流次数必须为正数");
    }
    if (s.loginDelayAfterFailures() < 1 || s.loginMaxDelaySeconds() < 1) {
      throw new ConfigException("security", "loginDelayAfterFailures、loginMaxDelaySeconds 必须为正数");
    }
    checkUrl(c.wechat().apiHost(), "wechat.apiHost (AIDLINE_WECHAT_API_HOST)");
    checkUrl(c.telegram().apiUrl(), "telegram.apiUrl (AIDLINE_TELEGRAM_API_URL)");
    if (c.wechat().maxClockSkewSeconds() < 1 || c.wechat().perMinutePerOpenid() < 1) {
      throw new ConfigException("wechat", "maxClockSkewSeconds、perMinutePerOpenid 必须为正数");
    }
    long budget = c.wechat().replyBudgetMillis();
    if (budget < 100 || budget > 4500) {
      throw new ConfigException("wechat.replyBudgetMillis (AIDLINE_WECHAT_REPLY_BUDGET_MILLIS)", "须在 100-4500 毫秒之间（微信 5 秒内收不到回复就会报错），当前 " + budget);
    }
    if (c.cluster().nodes() < 1) {
      throw new ConfigException("cluster.nodes (AIDLINE_NODES)", "至少为 1（共用同一数据库的 serve 进程数），当前 " + c.cluster().nodes());
    }
    Path kb = Path.of(c.knowledge().dir());
    if (!Files.isDirectory(kb)) {
      throw new ConfigException("knowledge.dir (AIDLINE_KB_DIR)", "知识库目录不存在: " + kb.toAbsolutePath());
    }
    String retrieval = c.knowledge().retrieval();
    if (retrieval != null && !Set.of("hybrid", "lexical", "vector").contains(retrieval.strip())) {
      throw new ConfigException("knowledge.retrieval (AIDLINE_KB_RETRIEVAL)", "须是 hybrid、lexical 或 vector，当前 " + retrieval);
    }
    return c;
  }

  private static void checkUrl(String url, String key) {
    if (url == null || url.isBlank()) {
      return;
    }
    try {
      URI u = new URI(url.trim());
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new ConfigException(key, "须是 http(s)://主机[:端口] 形式的地址，当前 " + url);
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "不是合法的地址: " + url);
    }
  }

  private static void checkStorage(AppConfig.Storage s) {
    // Flyway holds one connection for its lock while it migrates on another
    if (s.poolSize() < 2 || s.poolSize() > 200) {
      throw new ConfigException("storage.poolSize (AIDLINE_DB_POOL)", "须在 2-200 之间，当前 " + s.poolSize());
    }
    if (!AppConfig.Storage.GROUP_COMMIT.equals(s.commit()) && !AppConfig.Storage.PLAIN_COMMIT.equals(s.commit())) {
      throw new ConfigException("storage.commit (AIDLINE_DB_COMMIT)", "须为 group（合并提交）或 plain（逐条提交），当前 " + s.commit());
    }
    if (s.postgres()) {
      checkPostgresUrl(s.db().strip());
    } else {
      checkDb(s.db());
    }
  }

  /** jdbc:postgresql://HOST[:PORT]/DB; the URL is not echoed, it may carry a password. */
  private static void checkPostgresUrl(String url) {
    String rest = url.substring(AppConfig.Storage.POSTGRES_PREFIX.length());
    int q = rest.indexOf('?');
    String hostAndDb = q < 0 ? rest : rest.substring(0, q);
    int slash = hostAndDb.indexOf('/');
    if (slash <= 0 || slash == hostAndDb.length() - 1 || hostAndDb.indexOf('/', slash + 1) >= 0) {
      throw new ConfigException("storage.db (AIDLINE_DB)", "PostgreSQL 地址须是 jdbc:postgresql://主机[:端口]/数据库名 形式");
    }
  }

  private static void checkDb(String db) {
    if (db == null || db.isBlank()) {
      throw new ConfigException("storage.db (AIDLINE_DB)", "不能为空");
    }
    if (db.strip().startsWith("jdbc:")) {
      throw new ConfigException("storage.db (AIDLINE_DB)", "只支持 SQLite 文件路径或 jdbc:postgresql://主机[:端口]/数据库名");
    }
    Path file = Path.of(db).toAbsolutePath();
    if (Files.isDirectory(file)) {
      throw new ConfigException("storage.db (AIDLINE_DB)", "是一个目录而不是文件: " + file);
    }
    if (Files.exists(file)) {
      if (!Files.isReadable(file) || !Files.isWritable(file)) {
        throw new ConfigException("storage.db (AIDLINE_DB)", "数据库文件不可读写: " + file);
      }
      return;
    }
    Path dir = file.getParent();
    if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException("storage.db (AIDLINE_DB)", "上级路径不是目录: " + dir);
    }
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isWritable(existing)) {
      throw new ConfigException("storage.db (AIDLINE_DB)", "无法在此处创建数据库文件: " + file);
    }
  }
}
