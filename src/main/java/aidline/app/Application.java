package aidline.app;

import aidline.answer.AnswerKnowledge;
import aidline.answer.Conversations;
import aidline.config.AppConfig;
import aidline.storage.Database;
import aidline.storage.StorageException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where objects are built and wired together. Commands ask it for what they need;
 * nothing else constructs services.
 */
public final class Application implements AutoCloseable {
  private final AppConfig config;
  private final Clock clock;
  private final ObjectMapper json = Json.mapper();
  private final Metrics metrics = new Metrics();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Database database;
  private Conversations conversations;
  private Javalin http;

  public Application(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  public AppConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public ObjectMapper json() {
    return json;
  }

  public synchronized Database database() {
    if (database == null) {
      database = Database.open(config.storage());
      closeables.add(database);
    }
    return database;
  }

  /**
   * The answer engine's knowledge read from a folder ({@code null}: the configured one); a folder
   * without its own vocabulary or regions borrows the configured folder's.
   */
  public AnswerKnowledge answerKnowledge(Path dir) {
    Path home = config.knowledge().dirPath();
    return AnswerKnowledge.open(dir == null ? home : dir, home);
  }

  /** In-memory conversations over the configured knowledge base (the chat route's, until the bot). */
  public synchronized Conversations conversations() {
    if (conversations == null) {
      conversations = new Conversations(answerKnowledge(null).engine());
    }
    return conversations;
  }

  /** Builds and starts the HTTP server with every feature's routes. */
  public synchronized Javalin startHttp() {
    Database db = database();
    Health health = new Health(db, () -> 0, Version.current());
    List<RouteModule> modules = new ArrayList<>();
    modules.add(new ChatRoutes(conversations()));
    http = HttpServer.create(config.server(), json, metrics, health, modules);
    http.start();
    return http;
  }

  public int port() {
    return http.port();
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.stop();
      http = null;
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        throw new StorageException("关闭失败: " + e.getMessage(), e);
      }
    }
    closeables.clear();
  }
}
