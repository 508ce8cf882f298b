package aidline.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import org.junit.jupiter.api.Test;

/** The shared parser reads every kind of callback exactly as WxJava's {@code fromXml} does. */
class WechatMessagesTest {
  private final WechatMessages messages = new WechatMessages();

  private static final List<String> CALLBACKS = List.of(
      WechatPayloads.text("o-parent", 6100000000000000001L, "岳阳市初中寄宿生每年有多少生活补助？<>&\"'"),
      WechatPayloads.voice("o-parent", 6100000000000000002L, "能免学费不"),
      WechatPayloads.image("o-parent", 6100000000000000003L),
      WechatPayloads.event("o-parent", 1700000003L, "CLICK", "AMOUNT"),
      WechatPayloads.event("o-parent", 1700000004L, "subscribe", null),
      "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o-1]]></FromUserName><CreateTime>1700000005</CreateTime>"
          + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event><EventKey><![CDATA[k]]></EventKey>"
          + "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo></xml>",
      "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o-1]]></FromUserName><CreateTime>1700000006</CreateTime>"
          + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[pic_weixin]]></Event><SendPicsInfo><Count>2</Count>"
          + "<PicList><item><PicMd5Sum><![CDATA[a]]></PicMd5Sum></item></PicList><PicList><item><PicMd5Sum><![CDATA[b]]></PicMd5Sum></item>"
          + "</PicList></SendPicsInfo></xml>",
      "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o-1]]></FromUserName><CreateTime>1700000007</CreateTime>"
          + "<MsgType><![CDATA[location]]></MsgType><Location_X>29.35</Location_X><Location_Y>113.12</Location_Y><Scale>15</Scale>"
          + "<Label><![CDATA[岳阳]]></Label><MsgID>42</MsgID><Unknown>x</Unknown></xml>",
      "<xml>\n  <ToUserName><![CDATA[gh]]></ToUserName>\n  <FromUserName><![CDATA[o-2]]></FromUserName>\n"
          + "  <CreateTime>1700000008</CreateTime>\n  <MsgType><![CDATA[text]]></MsgType>\n"
          + "  <Content>a &lt;b&gt; &amp; c <![CDATA[ 与 ]]> d</Content>\n  <MsgId>43</MsgId>\n</xml>\n");

  @Test
  void readsEveryCallbackAsWxJavaDoes() {
    for (String xml : CALLBACKS) {
      WxMpXmlMessage expected = WxMpXmlMessage.fromXml(xml);
      expected.setAllFieldsMap(null);
      WxMpXmlMessage actual = messages.read(xml);
      assertEquals(expected.toString(), actual.toString(), xml);
    }
  }

  @Test
  void readsCommonCallbacksFromThePreChecksFieldsAsWxJavaDoes() {
    int fromFields = 0;
    for (String xml : CALLBACKS) {
      WxMpXmlMessage expected = WxMpXmlMessage.fromXml(xml);
      expected.setAllFieldsMap(null);
      java.util.Map<String, String> fields = WechatXml.fields(xml);
      fromFields += WechatMessages.fromFields(fields) != null ? 1 : 0;
      assertEquals(expected.toString(), messages.read(xml, fields).toString(), xml);
    }
    // text (twice), voice, click and subscribe skip the second parse; the image, nested and location ones do not
    assertEquals(5, fromFields);
  }

  @Test
  void readsConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> out = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        long id = 6100000000000001000L + i;
        out.add(pool.submit(() -> messages.read(WechatPayloads.text("o-" + id, id, "问题" + id)).getContent()));
      }
      for (int i = 0; i < out.size(); i++) {
        assertEquals("问题" + (6100000000000001000L + i), out.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
