package aidline.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.conversation.OutboundSender;
import aidline.http.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** 客服 message inside the 48-hour window, template message outside it, through WxJava to a fake API. */
class WechatSenderTest {
  static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  OutboundSender sender(FakeWechatApi api, String templateId, long lastSeen) {
    AppConfig.Wechat cfg = new AppConfig.Wechat(WechatPayloads.TOKEN, "", WechatPayloads.APP_ID, "secret", api.url(), 4000, templateId);
    return new WechatChannel(cfg).sender(openId -> lastSeen, clock);
  }

  @Test
  void recentFollowerGetsAKefuMessage() throws Exception {
    try (FakeWechatApi api = new FakeWechatApi()) {
      sender(api, "TPL1", NOW.minus(Duration.ofHours(47)).toEpochMilli()).send("oA", "您的工单 GD1 已办结");
      assertEquals(1, api.callsTo("/cgi-bin/message/custom/send").size());
      assertTrue(api.callsTo("/cgi-bin/message/template/send").isEmpty());
    }
  }

  @Test
  void silentFollowerGetsTheTemplateWhenOneIsConfigured() throws Exception {
    try (FakeWechatApi api = new FakeWechatApi()) {
      sender(api, "TPL1", NOW.minus(Duration.ofHours(49)).toEpochMilli()).send("oB", "您的工单 GD2 已办结");
      assertEquals(1, api.callsTo("/cgi-bin/message/template/send").size());
      var body = Json.mapper().readTree(api.callsTo("/cgi-bin/message/template/send").get(0).body());
      assertEquals("oB", body.get("touser").asText());
      assertEquals("TPL1", body.get("template_id").asText());
      assertEquals("您的工单 GD2 已办结", body.get("data").get("content").get("value").asText());
      assertTrue(api.callsTo("/cgi-bin/message/custom/send").isEmpty());
    }
  }

  @Test
  void withoutATemplateTheKefuMessageIsTriedAnyway() throws Exception {
    try (FakeWechatApi api = new FakeWechatApi()) {
      sender(api, "", -1).send("oC", "x");
      assertEquals(1, api.callsTo("/cgi-bin/message/custom/send").size());
    }
  }
}
