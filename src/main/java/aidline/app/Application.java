package aidline.app;

import aidline.answer.AnswerEngine;
import aidline.channel.telegram.TelegramChannel;
import aidline.channel.web.WebChatModule;
import aidline.channel.wechat.WechatChannel;
import aidline.channel.wechat.WechatMenu;
import aidline.channel.wechat.WechatModule;
import aidline.answer.AnswerKnowledge;
import aidline.config.AppConfig;
import aidline.conversation.Bot;
import aidline.conversation.ConversationStore;
import aidline.conversation.InboundLedger;
import aidline.conversation.Notifier;
import aidline.conversation.OutboundSender;
import aidline.conversation.OutboxNotifier;
import aidline.conversation.TicketDesk;
import aidline.conversation.TicketFormFlow;
import aidline.conversation.UnavailableTicketDesk;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import aidline.storage.StorageException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  private Javalin http;
  private AnswerKnowledge knowledge;
  private AnswerEngine answerEngine;
  private ConversationStore conversationStore;
  private InboundLedger inboundLedger;
  private OutboxNotifier notifier;
  private Bot bot;
  private WechatChannel wechat;
  private TelegramChannel telegram;

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

  public Regions regions() {
    return knowledge().regions();
  }

  /** The engine over the configured knowledge base, shared by the bot on every channel. */
  public synchronized AnswerEngine answerEngine() {
    if (answerEngine == null) {
      answerEngine = knowledge().engine();
    }
    return answerEngine;
  }

  synchronized AnswerKnowledge knowledge() {
    if (knowledge == null) {
      knowledge = answerKnowledge(null);
    }
    return knowledge;
  }

  /** Until the ticket package provides its desk, work orders from chat are refused politely. */
  public TicketDesk ticketDesk() {
    return new UnavailableTicketDesk();
  }

  public synchronized ConversationStore conversationStore() {
    if (conversationStore == null) {
      conversationStore = new ConversationStore(database(), json, clock);
    }
    return conversationStore;
  }

  public synchronized InboundLedger inboundLedger() {
    if (inboundLedger == null) {
      inboundLedger = new InboundLedger(database(), clock);
    }
    return inboundLedger;
  }

  public synchronized Bot bot() {
    if (bot == null) {
      bot = new Bot(answerEngine(), ticketDesk(), conversationStore(), new TicketFormFlow(regions()));
    }
    return bot;
  }

  /** Outbound messages to parents (WeChat 客服/template, Telegram), queued in the outbox and retried. */
  public synchronized Notifier notifier() {
    if (notifier == null) {
      Map<String, OutboundSender> senders = new HashMap<>();
      if (config.wechat().enabled()) {
        ConversationStore store = conversationStore();
        senders.put("wechat", wechat().sender(openId -> store.lastSeen("wechat", openId), clock));
      }
      if (config.telegram().enabled()) {
        senders.put("telegram", TelegramChannel.sender(config.telegram()));
      }
      notifier = new OutboxNotifier(database(), clock, senders, OutboxNotifier.Policy.defaults());
      closeables.add(notifier);
    }
    return notifier;
  }

  synchronized WechatChannel wechat() {
    if (wechat == null) {
      wechat = new WechatChannel(config.wechat());
    }
    return wechat;
  }

  public WechatMenu wechatMenu() {
    return wechat().menu(json);
  }

  /** Builds and starts the HTTP server with every feature's routes. */
  public synchronized Javalin startHttp() {
    Database db = database();
    Health health = new Health(db, () -> 0, Version.current());
    List<RouteModule> modules = new ArrayList<>();
    // the first normalisation loads OpenCC's dictionaries (about a second): pay that now, not
    // inside the first parent's 5-second WeChat budget
    aidline.knowledge.ChineseText.normalize("資助");
    modules.add(new WebChatModule(bot(), json));
    Notifier outbox = notifier();
    if (config.wechat().enabled()) {
      var gateway = wechat().gateway(bot(), inboundLedger(), outbox);
      closeables.add(gateway);
      modules.add(new WechatModule(gateway));
    }
    if (config.telegram().enabled()) {
      telegram = new TelegramChannel(config.telegram(), bot(), inboundLedger(), outbox);
      closeables.add(telegram);
    }
    http = HttpServer.create(config.server(), json, metrics, health, modules);
    http.start();
    if (telegram != null) {
      telegram.start();
    }
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
