package aidline.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutTextMessage;
import org.junit.jupiter.api.Test;

/** The passive reply written directly is WxJava's own XML, and WxJava reads it back. */
class PassiveReplyTest {
  private static final List<String> CONTENTS = List.of(
      "您好！我是学生资助政策助手。", "岳阳市初中寄宿生：1250元/生·年\n\n依据：\n·《岳阳市方案》（岳教体办通〔2016〕17号） 五（二）2",
      "a < b & c > d \"引号\" '单引号'", "  前后空格  ", "\t制表\r\n换行", "😀 表情", "x".repeat(2047), "");

  private static String wxjava(String to, String from, long time, String content) {
    WxMpXmlOutTextMessage m = (WxMpXmlOutTextMessage) WxMpXmlOutMessage.TEXT().content(content).fromUser(from).toUser(to).build();
    m.setCreateTime(time);
    return m.toXml();
  }

  @Test
  void theSameCharactersAsWxJavasToXml() {
    for (String c : CONTENTS) {
      assertEquals(wxjava("o-abc_123", "gh_bench", 1_796_054_343L, c), PassiveReply.text("o-abc_123", "gh_bench", 1_796_054_343L, c), c);
    }
    // a missing field is left out, as WxJava does
    assertEquals(wxjava(null, "gh_bench", 7, "c").replaceAll("<CreateTime>\\d+", ""),
        PassiveReply.text(null, "gh_bench", 7, "c").replaceAll("<CreateTime>\\d+", ""));
  }

  @Test
  void wxJavaReadsEveryReplyBackAlsoOneThatHoldsTheEndOfACdataSection() {
    for (String c : List.of("补助]]>多少", "]]>", "a]]]>b]]>>", "岳阳")) {
      String xml = PassiveReply.text("o-1", "gh_1", 42, c);
      WxMpXmlMessage back = WxMpXmlMessage.fromXml(xml);
      assertEquals(c, back.getContent(), xml);
      assertEquals("o-1", back.getToUser());
      assertEquals("gh_1", back.getFromUser());
      assertEquals(42L, back.getCreateTime());
      assertEquals("text", back.getMsgType());
    }
    for (String c : CONTENTS) {
      if (c.contains("\r")) {
        continue; // XML reads CR LF as LF, whoever wrote it
      }
      assertEquals(c, WxMpXmlMessage.fromXml(PassiveReply.text("o-1", "gh_1", 42, c)).getContent());
    }
  }
}
