package aidline.app;

import aidline.answer.AnswerKnowledge;
import aidline.answer.Conversations;
import aidline.config.AppConfig;
import aidline.knowledge.Regions;
import aidline.student.StandardsEntitlementRules;
import aidline.security.JdbcAuditLog;
import aidline.storage.Database;
import aidline.storage.StorageException;
import aidline.student.EntitlementRules;
import aidline.student.StudentBench;
import aidline.student.ParentStatusService;
import aidline.student.StudentDemo;
import aidline.student.StudentFeature;
import aidline.student.StudentImporter;
import aidline.student.StudentRepository;
import aidline.student.StudentService;
import aidline.student.StudentTickets;
import aidline.student.SyntheticStudents;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
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
  private AnswerKnowledge knowledge;
  private Javalin http;
  private StudentFeature students;

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
      conversations = new Conversations(knowledge().engine());
    }
    return conversations;
  }

  /**
   * The configured folder's knowledge, opened once and shared by chat and students.
   */
  public synchronized AnswerKnowledge knowledge() {
    if (knowledge == null) {
      knowledge = answerKnowledge(null);
      closeables.add(knowledge);
    }
    return knowledge;
  }

  /**
   * Students (issue 7): entitlements from the standards table of the configured knowledge base;
   * work orders are a port, none until the ticket adapter is wired.
   */
  public synchronized StudentFeature students() {
    if (students == null) {
      Database db = database();
      Regions regions = knowledge().regions();
      EntitlementRules rules = new StandardsEntitlementRules(knowledge().standards(), regions);
      StudentTickets tickets = StudentTickets.none();
      JdbcAuditLog audit = new JdbcAuditLog(db, config.storage().synchronous());
      StudentRepository repo = new StudentRepository(db, clock);
      StudentImporter importer = new StudentImporter(repo, regions, clock);
      StudentService service = new StudentService(repo, rules, tickets, audit, regions, clock);
      students = new StudentFeature(repo, importer, service, new ParentStatusService(repo, rules, audit, clock),
          new StudentDemo(importer, service, rules, new SyntheticStudents(regions, LocalDate.now(clock)), clock),
          new StudentBench(regions, rules, clock));
    }
    return students;
  }

  /** Builds and starts the HTTP server with every feature's routes. */
  public synchronized Javalin startHttp() {
    Database db = database();
    Health health = new Health(db, () -> 0, Version.current());
    List<RouteModule> modules = new ArrayList<>();
    modules.add(new ChatRoutes(conversations()));
    modules.add(students().routes(config.server().maxBodyBytes()));
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
