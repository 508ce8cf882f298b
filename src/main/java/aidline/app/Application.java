package aidline.app;

import aidline.answer.AnswerEngine;
import aidline.answer.AnswerKnowledge;
import aidline.answer.ReloadingAnswerEngine;
import aidline.channel.telegram.TelegramChannel;
import aidline.channel.web.WebChatHistory;
import aidline.channel.web.WebChatModule;
import aidline.channel.wechat.WechatChannel;
import aidline.channel.wechat.WechatGateway;
import aidline.channel.wechat.WechatMenu;
import aidline.channel.wechat.WechatModule;
import aidline.config.AppConfig;
import aidline.config.ConfigException;
import aidline.console.ConsoleRoutes;
import aidline.console.ConsoleSettings;
import aidline.console.Dashboard;
import aidline.conversation.AidStatusQuestions;
import aidline.conversation.Bot;
import aidline.conversation.ConversationStore;
import aidline.conversation.InboundLedger;
import aidline.conversation.LookupBudget;
import aidline.conversation.Notifier;
import aidline.conversation.OutboundSender;
import aidline.conversation.OutboxNotifier;
import aidline.conversation.TicketDesk;
import aidline.conversation.TicketFormFlow;
import aidline.conversation.UnansweredQuestions;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.http.RouteModule;
import aidline.knowledge.BgeEmbedder;
import aidline.knowledge.ChineseText;
import aidline.knowledge.Embedder;
import aidline.knowledge.FolderWatcher;
import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.KnowledgeRoutes;
import aidline.knowledge.QueryVectorCache;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.knowledge.Retrieval;
import aidline.lifecycle.Lifecycle;
import aidline.lifecycle.Managed;
import aidline.security.AccessControl;
import aidline.security.AdminRoutes;
import aidline.security.AuditLog;
import aidline.security.AuthService;
import aidline.security.ClientAddress;
import aidline.security.LoginPolicy;
import aidline.security.PasswordHasher;
import aidline.security.RateLimiter;
import aidline.security.RoleNames;
import aidline.security.SessionRoutes;
import aidline.security.UserStore;
import aidline.storage.Database;
import aidline.storage.InstanceLock;
import aidline.storage.StorageException;
import aidline.student.ChatAidStatus;
import aidline.student.EntitlementRules;
import aidline.student.LookupAudit;
import aidline.student.ParentStatusService;
import aidline.student.StandardsEntitlementRules;
import aidline.student.StudentFeature;
import aidline.student.StudentImporter;
import aidline.student.StudentRepository;
import aidline.student.StudentService;
import aidline.ticket.ChatClaimLimits;
import aidline.ticket.ChatTicketDesk;
import aidline.ticket.InvalidTicketException;
import aidline.ticket.TicketAudit;
import aidline.ticket.TicketModule;
import aidline.ticket.TicketRoutes;
import aidline.ticket.TicketService;
import aidline.ticket.WorkOrderTickets;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place where objects are built and wired together. Commands ask it for what they need;
 * nothing else constructs services.
 */
public final class Application implements AutoCloseable {
  private final AppConfig config;
  private final Clock clock;
  private final ObjectMapper json = Json.mapper();
  private final Metrics metrics = new Metrics();
  /** Everything started or opened here, closed in reverse order. */
  private final Lifecycle lifecycle = new Lifecycle();
  /**
   * Guards the knowledge side (index, retrieval, answer engine) apart from the rest, so start-up can
   * build it on a second thread while the database opens. Nothing under this lock takes the
   * application's own monitor, so the two never wait for each other in a cycle.
   */
  private final Object knowledgeLock = new Object();
  private Database database;
  private TicketService tickets;
  private KnowledgeBase knowledge;
  private Retrieval retrieval;
  private Javalin http;
  private AnswerEngine answerEngine;
  private AnswerKnowledge homeKnowledge;
  private ConversationStore conversationStore;
  /** Set once startHttp holds the SQLite file's instance lock: no other process serves or restores it. */
  private boolean servesSqliteAlone;
  private InboundLedger inboundLedger;
  private UnansweredQuestions unansweredQuestions;
  private OutboxNotifier notifier;
  private WebChatHistory webChatHistory;
  private Bot bot;
  private WechatChannel wechat;
  private WechatGateway wechatGateway;
  private TelegramChannel telegram;
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
      closeLater(database);
    }
    return database;
  }

  private AuditLog audit;
  private AuthService auth;

  public synchronized AuditLog audit() {
    if (audit == null) {
      audit = new AuditLog(database(), clock);
    }
    return audit;
  }

  public synchronized AuthService auth() {
    if (auth == null) {
      AppConfig.Security s = config.security();
      auth = new AuthService(new UserStore(database()), new PasswordHasher(s.bcryptCost()),
          new LoginPolicy(s.loginDelayAfterFailures(), Duration.ofSeconds(1),
          Duration.ofSeconds(s.loginMaxDelaySeconds()), s.maxFailedLogins(), Duration.ofMinutes(s.lockMinutes()),
          Duration.ofMinutes(4L * s.lockMinutes())),
          Duration.ofHours(s.tokenHours()), audit(), clock);
    }
    return auth;
  }

  /** Security comes first so its role check runs before any feature handler. */
  private List<RouteModule> routeModules() {
    AppConfig.Security s = config.security();
    List<RouteModule> modules = new ArrayList<>();
    ClientAddress address = new ClientAddress(s.trustedProxies());
    // token buckets stay in each node's memory (the hot path); each node allows its share of the rate
    AppConfig.Cluster cluster = config.cluster();
    modules.add(new AccessControl(auth(), new RateLimiter(cluster.perNode(s.chatPerMinutePerIp()), clock),
        new RateLimiter(cluster.perNode(s.chatPerMinutePerUser()), clock), json, address));
    // one login path with one per-IP budget for both doors (API token, console cookie)
    modules.add(new SessionRoutes(auth(), new RateLimiter(cluster.perNode(s.loginPerMinutePerIp()), clock), json, address));
    modules.add(new AdminRoutes(auth(), audit(), json));
    modules.add(new ConsoleRoutes(new Dashboard(tickets(), unansweredQuestions()), consoleSettings()));
    modules.add(new KnowledgeRoutes(knowledge()));
    AuditLog auditLog = audit();
    modules.add(new TicketRoutes(tickets(), json, TicketAudit.of(auditLog)));
    modules.add(new WebChatModule(bot(), json, address::ip, webChatHistory()));
    if (config.wechat().enabled()) {
      modules.add(new WechatModule(wechatGateway(), address::ip));
    }
    modules.add(students().routes(config.server().maxBodyBytes()));
    return modules;
  }

  /** The console's pick lists: categories, regions (county level and above) and active accounts. */
  private ConsoleSettings consoleSettings() {
    return new ConsoleSettings(config.tickets().dueSoonHours(), 30, tickets().categories(),
        () -> knowledge().regions().all().stream().map(Region::name).distinct().sorted().toList(),
        () -> auth().users().stream().filter(u -> !u.disabled())
            .map(u -> new ConsoleSettings.Person(u.username(), u.displayName(), RoleNames.wire(u.role()))).toList());
  }

  /**
   * A second work-order service on the same database, reading the given clock and sending no
   * notices: the demo opens its back-dated orders through it.
   */
  public TicketService ticketsAt(Clock at) {
    return TicketModule.create(config.tickets(), database(), knowledge().regions(), Notifier.none(), at);
  }

  /** Work orders, with regions from the knowledge base. */
  public synchronized TicketService tickets() {
    if (tickets == null) {
      Regions regions = knowledge().regions();
      try {
        tickets = TicketModule.create(config.tickets(), database(), regions, notifier(), clock);
      } catch (InvalidTicketException e) {
        throw new ConfigException("tickets", e.getMessage());
      }
    }
    return tickets;
  }

  /** The work-order port the bot uses. */
  public TicketDesk ticketDesk() {
    AuditLog auditLog = audit();
    return new ChatTicketDesk(tickets(), new ChatClaimLimits(database(), clock), auditLog::record);
  }

  /** The knowledge base of {@code knowledge.dir}, read and indexed on first use. */
  public KnowledgeBase knowledge() {
    synchronized (knowledgeLock) {
      if (knowledge == null) {
        knowledge = closeLater(KnowledgeBase.open(config.knowledge().dirPath(), retrieval()));
      }
      return knowledge;
    }
  }

  /**
   * How passages are found ({@code knowledge.retrieval}) with the one embedding model of the
   * process (loaded once, about a second) and its query-vector cache, and the cache folder.
   */
  public Retrieval retrieval() {
    synchronized (knowledgeLock) {
      if (retrieval == null) {
        Retrieval.Mode mode = Retrieval.Mode.valueOf(
            (config.knowledge().retrieval() == null ? "hybrid" : config.knowledge().retrieval().strip()).toUpperCase(Locale.ROOT));
        Embedder embedder = mode == Retrieval.Mode.LEXICAL
            ? null
            : new QueryVectorCache(new BgeEmbedder(Retrieval.QUERY_INSTRUCTION), QueryVectorCache.DEFAULT_SIZE);
        retrieval = Retrieval.hybrid(embedder, config.knowledge().cachePath()).withMode(mode);
      }
      return retrieval;
    }
  }

  /**
   * What the answer engine reads: the configured knowledge base ({@code dir} null), or another
   * folder (ask/eval {@code --kb}), which borrows the configured folder's vocabulary if it has none.
   */
  public AnswerKnowledge answerKnowledge(Path dir) {
    return answerKnowledge(dir, null);
  }

  /** As above, searching with {@code other} retrieval settings (eval's comparisons) unless null. */
  public AnswerKnowledge answerKnowledge(Path dir, Retrieval other) {
    synchronized (knowledgeLock) {
      Path home = config.knowledge().dirPath();
      if (dir == null && other == null) {
        return AnswerKnowledge.of(knowledge(), home);
      }
      KnowledgeBase kb = closeLater(KnowledgeBase.open(dir == null ? home : dir, other == null ? retrieval() : other));
      return AnswerKnowledge.of(kb, home);
    }
  }

  /**
   * The engine over the configured knowledge base, shared by the bot on every channel; each reindex
   * (the folder watcher's or an explicit one) pushes a reload, answers never poll the files.
   */
  /** The configured folder's vocabulary and standards as read at start (the engine's first build, students' entitlements). */
  private AnswerKnowledge homeKnowledge() {
    synchronized (knowledgeLock) {
      if (homeKnowledge == null) {
        homeKnowledge = answerKnowledge(null);
      }
      return homeKnowledge;
    }
  }

  public AnswerEngine answerEngine() {
    synchronized (knowledgeLock) {
      if (answerEngine == null) {
        KnowledgeBase kb = knowledge();
        Path dir = kb.dir();
        // the first build reuses what students' entitlements read at start; every reload reads afresh
        AtomicReference<AnswerKnowledge> first = new AtomicReference<>(homeKnowledge());
        answerEngine =
            ReloadingAnswerEngine.following(kb, List.of(dir.resolve("standards.yaml"), dir.resolve("lexicon.yaml")), () -> {
              AnswerKnowledge k = first.getAndSet(null);
              return (k != null ? k : answerKnowledge(null)).engine();
            });
      }
      return answerEngine;
    }
  }

  public synchronized ConversationStore conversationStore() {
    if (conversationStore == null) {
      // the table's sole writer only while this process serves a SQLite file under its instance lock
      conversationStore = new ConversationStore(database(), json, clock, servesSqliteAlone);
    }
    return conversationStore;
  }

  public synchronized UnansweredQuestions unansweredQuestions() {
    if (unansweredQuestions == null) {
      unansweredQuestions = new UnansweredQuestions(database(), clock);
    }
    return unansweredQuestions;
  }

  public synchronized InboundLedger inboundLedger() {
    if (inboundLedger == null) {
      inboundLedger = new InboundLedger(database(), clock);
    }
    return inboundLedger;
  }

  /** The channel-neutral bot: answer engine, work-order desk and persisted per-user state. */
  public synchronized Bot bot() {
    if (bot == null) {
      // aid-status answers need the student records; the question words live in lexicon.yaml;
      // what the engine could not answer is noted for the dashboard, by the bot, off the answer chain
      bot = new Bot(answerEngine(), ticketDesk(), conversationStore(), new TicketFormFlow(knowledge().regions()),
          new ChatAidStatus(students().parentStatus()), AidStatusQuestions.load(knowledge().dir().resolve("lexicon.yaml")),
          unansweredQuestions(), new LookupBudget(database(), 10, 30, Duration.ofHours(1), clock));
    }
    return bot;
  }

  /** Outbound messages to parents (WeChat 客服/template, Telegram), queued in the outbox and retried. */
  public synchronized Notifier notifier() {
    if (notifier == null) {
      Map<String, OutboundSender> senders = new HashMap<>();
      if (config.wechat().enabled()) {
        ConversationStore store = conversationStore();
        senders.put(WechatGateway.CHANNEL, wechat().sender(openId -> store.lastSeen(WechatGateway.CHANNEL, openId), clock));
      }
      if (config.telegram().enabled()) {
        senders.put(TelegramChannel.CHANNEL, TelegramChannel.sender(config.telegram()));
      }
      // the web chat has no push: a notice is kept in the browser's history, shown on poll or reload
      senders.put(WebChatModule.CHANNEL, webChatHistory());
      notifier = start(new OutboxNotifier(database(), clock, senders, OutboxNotifier.Policy.defaults()));
    }
    return notifier;
  }

  synchronized WebChatHistory webChatHistory() {
    if (webChatHistory == null) {
      webChatHistory = new WebChatHistory(database(), clock);
    }
    return webChatHistory;
  }

  synchronized WechatChannel wechat() {
    if (wechat == null) {
      AppConfig.Wechat w = config.wechat();
      wechat = new WechatChannel(w.withPerMinutePerOpenid(config.cluster().perNode(w.perMinutePerOpenid())));
    }
    return wechat;
  }

  private synchronized WechatGateway wechatGateway() {
    if (wechatGateway == null) {
      wechatGateway = start(wechat().gateway(bot(), inboundLedger(), notifier(), clock));
    }
    return wechatGateway;
  }

  public WechatMenu wechatMenu() {
    return wechat().menu(json);
  }

  /**
   * Students (issue 7): entitlements from the standards table of the configured knowledge base
   * (read once at start), lookups recorded in the audit log, gaps opened as 资助未到账 work orders.
   */
  public synchronized StudentFeature students() {
    if (students == null) {
      Database db = database();
      Regions regions = knowledge().regions();
      EntitlementRules rules = new StandardsEntitlementRules(homeKnowledge().standards(), regions);
      WorkOrderTickets workOrders = new WorkOrderTickets(this::tickets, clock);
      LookupAudit audit = LookupAudit.of(audit());
      StudentRepository repo = new StudentRepository(db, clock);
      StudentImporter importer = new StudentImporter(repo, regions, clock);
      StudentService service = new StudentService(repo, rules, workOrders, audit, regions, clock);
      students = new StudentFeature(repo, importer, service, new ParentStatusService(repo, rules, audit, clock), rules);
    }
    return students;
  }

  private static Health.Db healthOf(Database db) {
    Database.PoolStats p = db.poolStats();
    return new Health.Db(db.dialect().engine(), new Health.Pool(p.active(), p.idle(), p.total(), p.waiting()));
  }

  /**
   * Builds and starts the HTTP server with every feature's routes. Start-up runs on three threads,
   * because on two cores the steps overlap: OpenCC's dictionaries (about a second of CPU, needed by
   * the index's synonyms and every question), the knowledge side (index, answer engine, standards),
   * and on this thread the database (integrity check, migrations) and the outbox. /health answers
   * 200 only once everything is wired, as before.
   */
  public synchronized Javalin startHttp() {
    if (!config.storage().postgres()) {
      // one server per SQLite file; on PostgreSQL several nodes share the database by design
      Path dbFile = config.storage().dbPath().toAbsolutePath();
      closeLater(InstanceLock.tryAcquire(dbFile).orElseThrow(() -> new StorageException(
          "另一个 aidline 服务正在使用数据库 " + dbFile + "（" + InstanceLock.lockFile(dbFile) + " 已被锁定）", null)));
      servesSqliteAlone = true;
    }
    daemon("aidline-warmup", () -> ChineseText.normalize("資助"));
    CompletableFuture<AnswerEngine> knowledgeSide = new CompletableFuture<>();
    daemon("aidline-start-knowledge", () -> {
      try {
        knowledgeSide.complete(answerEngine());
      } catch (RuntimeException | Error e) {
        knowledgeSide.completeExceptionally(e);
      }
    });
    Database db = database();
    notifier(); // starts delivering what the outbox still holds from before a restart
    try {
      knowledgeSide.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    KnowledgeBase kb = knowledge();
    if (config.knowledge().watch()) {
      start(new FolderWatcher(kb.dir(), Duration.ofMillis(500), kb::reindex));
    }
    Health health = new Health(db::reachable, () -> healthOf(db), kb::documentCount, Version.current());
    http = HttpServer.create(config.server(), json, metrics, health, routeModules());
    http.start();
    if (config.telegram().enabled()) {
      telegram = start(new TelegramChannel(config.telegram(), bot(), inboundLedger(), notifier()));
    }
    return http;
  }

  private static void daemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }

  /** The lifecycle is shared by the start-up threads (see {@link #startHttp}). */
  private <T extends AutoCloseable> T closeLater(T c) {
    synchronized (lifecycle) {
      return lifecycle.closeLater(c);
    }
  }

  private <T extends Managed> T start(T m) {
    synchronized (lifecycle) {
      return lifecycle.start(m);
    }
  }

  public int port() {
    return http.port();
  }

  /** The running server, for tests that inspect the registered routes. */
  public Javalin http() {
    return http;
  }

  /**
   * Stops the server, then closes everything in reverse order of starting. Every component is
   * closed even if one fails; the failures are reported together.
   */
  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    if (http != null) {
      try {
        http.stop();
      } catch (RuntimeException e) {
        failure = e;
      }
      http = null;
    }
    try {
      synchronized (lifecycle) {
        lifecycle.close();
      }
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw new StorageException("关闭失败: " + failure.getMessage(), failure);
    }
  }
}
