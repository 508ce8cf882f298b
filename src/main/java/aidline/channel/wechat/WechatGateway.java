package aidline.channel.wechat;

import aidline.conversation.Bot;
import aidline.conversation.InboundLedger;
import aidline.conversation.InboundMessage;
import aidline.conversation.Notifier;
import aidline.conversation.TextSplitter;
import aidline.lifecycle.Managed;
import aidline.security.RateLimiter;
import aidline.security.SecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WeChat callback protocol: signature checks, plaintext and AES messages, deduplication of
 * WeChat's retries, and the 5-second rule. The bot runs on a worker with a deadline; when it misses
 * the deadline the callback answers {@code success} and the reply goes out as a 客服 message.
 */
public final class WechatGateway implements Managed {
  public static final String CHANNEL = "wechat";
  static final String SUCCESS = "success";
  /** Passive replies longer than this are refused by WeChat. */
  static final int MAX_PASSIVE_BYTES = 2047;

  private static final Logger log = LoggerFactory.getLogger(WechatGateway.class);

  private final WxMpService service;
  private final Bot bot;
  private final InboundLedger ledger;
  private final Notifier notifier;
  private final Duration budget;
  private volatile ExecutorService workers;
  /** Replies being produced in this process, so a concurrent retry can wait for the first delivery. */
  private final Map<String, CompletableFuture<String>> inflight = new ConcurrentHashMap<>();
  private final Guards guards;
  private final WechatMessages messages = new WechatMessages();

  /**
   * The refusals made before the bot runs (issue 15, H3/M5), all cheap: the time window and replay
   * binding, safe mode enforced when an AES key is set (with the AppID checked), the per-follower
   * rate, and optionally WeChat's callback IP list.
   *
   * @param crypto null when no AES key is configured
   * @param callbackIps null when the allowlist is off
   */
  record Guards(ReplayGuard replay, WechatCrypto crypto, RateLimiter perOpenid, CallbackIps callbackIps) {}

  /** Longest question passed to the bot; longer ones are asked to be shortened. */
  static final int MAX_QUESTION_CHARS = 2000;

  static final String TOO_LONG = "您的问题有点长，请精简问题（2000 字以内），说清孩子在哪里上学、想问哪项资助，我再为您解答。";
  static final String TOO_FAST = "您发送得太快了，请稍等一分钟再提问。";

  WechatGateway(WxMpService service, Bot bot, InboundLedger ledger, Notifier notifier, Duration budget, Guards guards) {
    this.guards = guards;
    this.service = service;
    this.bot = bot;
    this.ledger = ledger;
    this.notifier = notifier;
    this.budget = budget;
  }

  /** Starts the workers that produce replies within the budget. */
  @Override
  public synchronized void start() {
    if (workers == null && guards.callbackIps() != null) {
      guards.callbackIps().start();
    }
    if (workers == null) {
      workers = Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "aidline-wechat");
            t.setDaemon(true);
            return t;
          });
    }
  }

  /** URL verification: echoes {@code echostr} when the signature is right. */
  public String verify(String signature, String timestamp, String nonce, String echostr) {
    checkSignature(signature, timestamp, nonce);
    guards.replay().checkTimestamp(timestamp);
    return echostr == null ? "" : echostr;
  }

  /** Whether a callback from this address is heard (always, unless the callback IP allowlist is on). */
  public void checkSource(String ip) {
    if (guards.callbackIps() != null && !guards.callbackIps().allows(ip)) {
      refuse(new WechatSignatureException("来源地址不在微信回调 IP 列表中"), ip);
    }
  }

  /** Fetches WeChat's callback IP list now (tests, and an operator who changed it). */
  void refreshCallbackIps() throws me.chanjar.weixin.common.error.WxErrorException {
    if (guards.callbackIps() != null) {
      guards.callbackIps().refresh();
    }
  }

  /** Handles one callback and returns the body to send back (XML, or {@code success}). */
  public String receive(
      String signature, String timestamp, String nonce, String encryptType, String msgSignature, String body) {
    WxMpXmlMessage in;
    InboundLedger.Binding binding;
    boolean aes = "aes".equalsIgnoreCase(encryptType);
    try {
      checkSignature(signature, timestamp, nonce);
      guards.replay().checkTimestamp(timestamp);
      in = parse(body, aes, timestamp, nonce, msgSignature);
      binding = guards.replay().binding(signature, timestamp, nonce);
    } catch (WechatSignatureException | WechatMessageException e) {
      throw refuse(e, null);
    }
    String plain = respond(in, binding);
    if (!aes || SUCCESS.equals(plain)) {
      return plain;
    }
    return new WxMpCryptUtil(service.getWxMpConfigStorage()).encrypt(plain);
  }

  /** One log line per refused callback, never a stack trace. */
  private static RuntimeException refuse(RuntimeException e, String ip) {
    log.warn("wechat callback refused: {}{}", e.getMessage(), ip == null ? "" : " (from " + ip + ")");
    throw e;
  }

  private void checkSignature(String signature, String timestamp, String nonce) {
    if (signature == null || timestamp == null || nonce == null || !service.checkSignature(timestamp, nonce, signature)) {
      throw new WechatSignatureException("签名校验失败");
    }
  }

  private WxMpXmlMessage parse(String body, boolean aes, String timestamp, String nonce, String msgSignature) {
    // the pre-check's fields are the message's own when it is not encrypted, else the decrypted one's
    Map<String, String> outer = WechatXml.fields(body);
    String xml = body;
    if (guards.crypto() != null) {
      if (!aes) {
        throw new WechatSignatureException("已启用安全模式，拒绝明文消息");
      }
      if (msgSignature == null) {
        throw new WechatSignatureException("缺少 msg_signature");
      }
      xml = guards.crypto().decrypt(msgSignature, timestamp, nonce, outer.get("Encrypt"));
      outer = WechatXml.fields(xml);
    } else if (aes) {
      throw new WechatSignatureException("未配置 EncodingAESKey，无法解密安全模式消息");
    }
    try {
      WxMpXmlMessage m = messages.read(xml, outer);
      if (m == null || m.getFromUser() == null || m.getMsgType() == null) {
        throw new WechatMessageException("不是有效的微信消息");
      }
      return m;
    } catch (RuntimeException e) {
      if (e instanceof WechatMessageException w) {
        throw w;
      }
      throw new WechatMessageException("不是有效的微信消息");
    }
  }

  private static String messageKey(WxMpXmlMessage in) {
    return in.getMsgId() != null ? "wx:" + in.getMsgId() : "wx:" + in.getFromUser() + ":" + in.getCreateTime();
  }

  /** Answers once per message identity; retries get the stored reply. */
  private String respond(WxMpXmlMessage in, InboundLedger.Binding binding) {
    String key = messageKey(in);
    String rateKey = "openid:" + in.getFromUser();
    // the token is taken first and given back when the claim finds a retry or replay: the reads
    // that tell those apart before the claim are made only for a sender over its rate
    if (!tookToken(rateKey)) {
      if (ledger.boundToAnother(binding, key)) {
        throw refuse(new WechatSignatureException(ReplayGuard.REPLAYED), null);
      }
      if (ledger.find(key).isEmpty()) {
        log.warn("wechat callback refused: one follower over the per-minute message limit");
        return textReply(in, TOO_FAST);
      }
    }
    // the binding is written in the claim's own transaction: a replay costs no second commit
    InboundLedger.Claim claim = ledger.claim(key, CHANNEL, in.getFromUser(), binding);
    if (claim != InboundLedger.Claim.FIRST) {
      guards.perOpenid().refund(rateKey);
    }
    if (claim == InboundLedger.Claim.REPLAYED) {
      throw refuse(new WechatSignatureException(ReplayGuard.REPLAYED), null);
    }
    if (claim == InboundLedger.Claim.RETRY) {
      return replay(key);
    }
    CompletableFuture<String> outcome = new CompletableFuture<>();
    inflight.put(key, outcome);
    CompletableFuture<?> committed = null;
    try {
      Produced produced = produce(key, in);
      committed = produced.committed();
      outcome.complete(produced.response());
      return produced.response();
    } catch (RuntimeException e) {
      outcome.complete(SUCCESS);
      throw e;
    } finally {
      // the reply is committed to the ledger after the response: until then a retry finds it here
      if (committed != null) {
        committed.whenComplete((n, err) -> inflight.remove(key, outcome));
      } else {
        ledger.afterQueuedWrites(() -> inflight.remove(key, outcome));
      }
    }
  }

  /** The callback's response, and the commit of its stored reply (null when nothing was queued). */
  private record Produced(String response, CompletableFuture<?> committed) {}

  private boolean tookToken(String rateKey) {
    try {
      guards.perOpenid().acquire(rateKey);
      return true;
    } catch (SecurityException.RateLimited e) {
      return false;
    }
  }

  private String textReply(WxMpXmlMessage in, String text) {
    return PassiveReply.text(in.getFromUser(), in.getToUser(), guards.replay().epochSecond(), text);
  }

  private String replay(String key) {
    CompletableFuture<String> first = inflight.get(key);
    if (first != null) {
      try {
        return first.get(budget.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return SUCCESS;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return SUCCESS;
      } catch (ExecutionException e) {
        return SUCCESS;
      }
    }
    // claimed on another node, whose memory this one cannot see: its reply is read from the ledger
    InboundLedger.Entry entry = ledger.awaitSettled(key, budget).orElse(null);
    if (entry != null && entry.status() == InboundLedger.Status.DONE && entry.reply() != null) {
      return entry.reply();
    }
    // still running elsewhere, or delivered by 客服 message: never process twice
    return SUCCESS;
  }

  private Produced produce(String key, WxMpXmlMessage in) {
    Supplier<String> work = work(in);
    if (work == null) {
      return new Produced(SUCCESS, ledger.recordLater(key, SUCCESS));
    }
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(work, running());
    String text;
    try {
      text = answer.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      ledger.record(key, InboundLedger.Status.ASYNC, null);
      String user = in.getFromUser();
      answer.whenComplete(
          (t, err) -> {
            String late = err == null ? t : "抱歉，刚才的问题处理失败了，请稍后再问一次。";
            if (err != null) {
              log.error("late wechat answer failed for {}", key, err);
            }
            for (String part : TextSplitter.split(late, MAX_PASSIVE_BYTES)) {
              notifier.notify(CHANNEL, user, part);
            }
          });
      log.info("wechat answer for {} missed the {} ms budget; replying by 客服 message", key, budget.toMillis());
      return new Produced(SUCCESS, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      text = "抱歉，系统繁忙，请稍后再试。";
    } catch (ExecutionException e) {
      log.error("wechat answer failed for {}", key, e.getCause());
      text = "抱歉，系统繁忙，请稍后再试。";
    }
    List<String> parts = TextSplitter.split(text, MAX_PASSIVE_BYTES);
    String xml = textReply(in, parts.get(0));
    CompletableFuture<Integer> committed = ledger.recordLater(key, xml);
    for (String part : parts.subList(1, parts.size())) {
      notifier.notify(CHANNEL, in.getFromUser(), part);
    }
    return new Produced(xml, committed);
  }

  /** What to say to this message, as deferred work; null when WeChat expects no reply. */
  private Supplier<String> work(WxMpXmlMessage in) {
    String user = in.getFromUser();
    String id = in.getMsgId() == null ? null : String.valueOf(in.getMsgId());
    String type = in.getMsgType() == null ? "" : in.getMsgType();
    switch (type) {
      case "text":
        if (in.getContent() != null && in.getContent().length() > MAX_QUESTION_CHARS) {
          return () -> TOO_LONG;
        }
        return () -> bot.handleQueued(new InboundMessage(CHANNEL, user, id, in.getContent())).plainText();
      case "voice":
        String heard = in.getRecognition();
        if (heard == null || heard.isBlank()) {
          return () -> "抱歉，没有听清您的语音，请再说一遍，或直接打字提问。";
        }
        if (heard.length() > MAX_QUESTION_CHARS) {
          return () -> TOO_LONG;
        }
        return () -> bot.handleQueued(new InboundMessage(CHANNEL, user, id, heard)).plainText();
      case "event":
        return event(in);
      default:
        return () -> "目前我只能看懂文字和语音。请用文字描述您的问题，例如：岳阳市初中寄宿生每年有多少生活补助？";
    }
  }

  private Supplier<String> event(WxMpXmlMessage in) {
    String event = in.getEvent() == null ? "" : in.getEvent().toLowerCase();
    return switch (event) {
      case "subscribe" -> Bot::welcome;
      case "click" -> {
        String text = WechatMenu.questionFor(in.getEventKey());
        yield text == null
            ? Bot::welcome
            : () -> bot.handleQueued(new InboundMessage(CHANNEL, in.getFromUser(), null, text)).plainText();
      }
      default -> null;
    };
  }

  private ExecutorService running() {
    ExecutorService w = workers;
    if (w == null) {
      throw new IllegalStateException("WechatGateway.start() has not been called");
    }
    return w;
  }

  @Override
  public synchronized void close() {
    if (guards.callbackIps() != null) {
      guards.callbackIps().close();
    }
    if (workers != null) {
      workers.shutdownNow();
    }
  }
}
