package aidline.channel.telegram;

import aidline.answer.Answer;
import aidline.answer.Intent;
import aidline.config.AppConfig;
import aidline.conversation.Bot;
import aidline.conversation.InboundLedger;
import aidline.conversation.InboundMessage;
import aidline.conversation.Notifier;
import aidline.conversation.OutboundSender;
import aidline.conversation.Reply;
import aidline.lifecycle.Managed;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Telegram by long polling: each update is taken once (ledger keyed by update id), {@code /start}
 * gets the welcome, text goes to the bot, and the answer is sent with sendMessage; a failed send
 * is handed to the outbox for retry.
 */
public final class TelegramChannel implements Managed {
  public static final String CHANNEL = "telegram";
  private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);

  private final String token;
  private final TelegramUrl url;
  private final TelegramSender sender;
  private final Bot bot;
  private final InboundLedger ledger;
  private final Notifier notifier;
  private TelegramBotsLongPollingApplication polling;

  public TelegramChannel(AppConfig.Telegram cfg, Bot bot, InboundLedger ledger, Notifier notifier) {
    this.token = cfg.token();
    this.url = url(cfg.apiUrl());
    this.sender = new TelegramSender(new OkHttpTelegramClient(token, url));
    this.bot = bot;
    this.ledger = ledger;
    this.notifier = notifier;
  }

  static TelegramUrl url(String apiUrl) {
    if (apiUrl == null || apiUrl.isBlank()) {
      return TelegramUrl.DEFAULT_URL;
    }
    URI u = URI.create(apiUrl.trim());
    int port = u.getPort() > 0 ? u.getPort() : "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    return new TelegramUrl(u.getScheme(), u.getHost(), port, false);
  }

  @Override
  public synchronized void start() {
    if (polling != null) {
      return;
    }
    try {
      polling = new TelegramBotsLongPollingApplication();
      polling.registerBot(token, () -> url, new DefaultGetUpdatesGenerator(), this::consume);
      log.info("telegram long polling started against {}://{}:{}", url.getSchema(), url.getHost(), url.getPort());
    } catch (TelegramApiException e) {
      throw new IllegalStateException("Telegram 启动失败: " + e.getMessage(), e);
    }
  }

  /** The outbound half, for the notifier: needs only the token and URL, not the bot. */
  public static OutboundSender sender(AppConfig.Telegram cfg) {
    return new TelegramSender(new OkHttpTelegramClient(cfg.token(), url(cfg.apiUrl())));
  }

  void consume(List<Update> updates) {
    for (Update u : updates) {
      try {
        handle(u);
      } catch (RuntimeException e) {
        log.error("telegram update {} failed", u.getUpdateId(), e);
      }
    }
  }

  private void handle(Update u) {
    String chatId;
    String text;
    if (u.getCallbackQuery() != null && u.getCallbackQuery().getMessage() != null) {
      // a quick-reply button: its choice is answered as if the parent had typed it
      chatId = String.valueOf(u.getCallbackQuery().getMessage().getChatId());
      text = u.getCallbackQuery().getData();
      sender.acknowledge(u.getCallbackQuery().getId());
    } else if (u.getMessage() != null && u.getMessage().getChatId() != null) {
      chatId = String.valueOf(u.getMessage().getChatId());
      text = u.getMessage().getText();
    } else {
      return;
    }
    if (!ledger.claim("tg:" + u.getUpdateId(), CHANNEL, chatId)) {
      return; // already answered: Telegram re-delivers when an offset was not confirmed
    }
    Reply reply;
    if (text == null || text.isBlank()) {
      reply = plain("目前我只能看懂文字消息，请用文字描述您的问题。");
    } else if (text.trim().startsWith("/start") || text.trim().startsWith("/help")) {
      reply = plain(Bot.welcome());
    } else {
      try {
        reply = bot.handle(new InboundMessage(CHANNEL, chatId, String.valueOf(u.getUpdateId()), text));
      } catch (RuntimeException e) {
        // the update is already claimed and will not come back: the parent must still hear something
        log.error("telegram update {} failed in the bot", u.getUpdateId(), e);
        reply = plain("抱歉，系统繁忙，刚才的问题没能处理，请稍后再问一次。");
      }
    }
    ledger.record("tg:" + u.getUpdateId(), InboundLedger.Status.DONE, reply.plainText());
    try {
      sender.send(chatId, reply);
    } catch (Exception e) {
      log.warn("telegram reply to {} failed, queued for retry: {}", chatId, e.getMessage());
      notifier.notify(CHANNEL, chatId, reply.plainText());
    }
  }

  private static Reply plain(String text) {
    return new Reply(Answer.text(text, Intent.GREETING), null);
  }

  @Override
  public synchronized void close() {
    if (polling != null) {
      try {
        polling.close();
      } catch (Exception e) {
        log.warn("stopping telegram polling: {}", e.getMessage());
      }
      polling = null;
    }
  }
}
