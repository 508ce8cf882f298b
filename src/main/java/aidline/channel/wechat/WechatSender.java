package aidline.channel.wechat;

import aidline.conversation.OutboundSender;
import aidline.conversation.TextSplitter;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToLongFunction;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;

/**
 * Sends a text to a follower: a 客服 message while the follower wrote within the last 48 hours (the
 * window WeChat allows), otherwise a template message when a template is configured (its body field
 * is {@code content}), otherwise a 客服 message anyway, whose refusal the outbox logs and retries.
 */
public final class WechatSender implements OutboundSender {
  static final Duration SERVICE_WINDOW = Duration.ofHours(48);
  /** WeChat refuses longer 客服 texts; the same limit as a passive reply keeps it simple. */
  static final int MAX_BYTES = 2047;

  private final WxMpService service;
  private final String templateId;
  private final ToLongFunction<String> lastSeenMillis;
  private final Clock clock;

  public WechatSender(WxMpService service, String templateId, ToLongFunction<String> lastSeenMillis, Clock clock) {
    this.service = service;
    this.templateId = templateId == null ? "" : templateId;
    this.lastSeenMillis = lastSeenMillis;
    this.clock = clock;
  }

  @Override
  public void send(String openId, String text) throws Exception {
    long seen = lastSeenMillis.applyAsLong(openId);
    boolean inWindow = seen >= 0 && clock.millis() - seen < SERVICE_WINDOW.toMillis();
    if (!inWindow && !templateId.isBlank()) {
      WxMpTemplateMessage t = WxMpTemplateMessage.builder().toUser(openId).templateId(templateId).build();
      t.addData(new WxMpTemplateData("content", text));
      service.getTemplateMsgService().sendTemplateMsg(t);
      return;
    }
    for (String part : TextSplitter.split(text, MAX_BYTES)) {
      WxMpKefuMessage m = WxMpKefuMessage.TEXT().toUser(openId).content(part).build();
      service.getKefuService().sendKefuMessage(m);
    }
  }
}
