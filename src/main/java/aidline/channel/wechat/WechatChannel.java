package aidline.channel.wechat;

import aidline.config.AppConfig;
import aidline.conversation.Bot;
import aidline.conversation.InboundLedger;
import aidline.conversation.Notifier;
import aidline.conversation.OutboundSender;
import aidline.security.RateLimiter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToLongFunction;
import me.chanjar.weixin.mp.api.WxMpService;
import org.slf4j.LoggerFactory;

/**
 * Everything WeChat, built from configuration, so no WxJava type leaves this package: the callback
 * routes, the outbound sender and the menu publisher share one {@link WxMpService}.
 */
public final class WechatChannel {
  private final AppConfig.Wechat cfg;
  private final WxMpService service;

  public WechatChannel(AppConfig.Wechat cfg) {
    if (cfg.aesKey() != null && !cfg.aesKey().isBlank() && cfg.aesKey().length() != 43) {
      // not fatal: plaintext callbacks still work, but every safe-mode message will be refused
      LoggerFactory.getLogger(WechatChannel.class)
          .warn("wechat.aesKey has {} characters, EncodingAESKey has 43: safe-mode (AES) messages will be refused", cfg.aesKey().length());
    }
    this.cfg = cfg;
    this.service = WechatClient.create(cfg);
  }

  public OutboundSender sender(ToLongFunction<String> lastSeenMillis, Clock clock) {
    return new WechatSender(service, cfg.templateId(), lastSeenMillis, clock);
  }

  public WechatGateway gateway(Bot bot, InboundLedger ledger, Notifier notifier) {
    return gateway(bot, ledger, notifier, Clock.systemUTC());
  }

  /** The callback handler with its guards (time window, safe mode, per-follower rate, callback IPs). */
  public WechatGateway gateway(Bot bot, InboundLedger ledger, Notifier notifier, Clock clock) {
    WechatCrypto crypto = cfg.aesRequired() ? new WechatCrypto(cfg.token(), cfg.aesKey(), cfg.appId()) : null;
    CallbackIps ips = cfg.callbackIpAllowlist() ? new CallbackIps(service) : null;
    WechatGateway.Guards guards = new WechatGateway.Guards(
        new ReplayGuard(clock, Duration.ofSeconds(cfg.maxClockSkewSeconds())), crypto,
        new RateLimiter(cfg.perMinutePerOpenid(), clock), ips);
    return new WechatGateway(service, bot, ledger, notifier, Duration.ofMillis(cfg.replyBudgetMillis()), guards);
  }

  public WechatMenu menu(ObjectMapper json) {
    return new WechatMenu(service, json);
  }
}
