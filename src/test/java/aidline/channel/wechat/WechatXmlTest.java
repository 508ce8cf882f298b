package aidline.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pre-check's reader is reused per thread: a refused document leaves nothing for the next. */
class WechatXmlTest {
  private static final String GOOD = WechatPayloads.text("o-parent", 1L, "岳阳市初中寄宿生每年有多少生活补助？");

  @Test
  void everyDocumentAfterARefusedOneIsReadAfresh() {
    String deep = "<xml>" + "<a>".repeat(WechatXml.MAX_DEPTH) + "x" + "</a>".repeat(WechatXml.MAX_DEPTH) + "</xml>";
    String dtd = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e \"boom\">]><xml><Content>&e;</Content></xml>";
    String truncated = GOOD.substring(0, GOOD.length() / 2);
    Map<String, String> expected = WechatXml.fields(GOOD);
    assertEquals("岳阳市初中寄宿生每年有多少生活补助？", expected.get("Content"));
    for (int round = 0; round < 3; round++) {
      for (String bad : new String[] {deep, dtd, truncated, "<xml><a></b></xml>", "not xml"}) {
        assertThrows(WechatMessageException.class, () -> WechatXml.fields(bad), bad);
        assertEquals(expected, WechatXml.fields(GOOD), "after " + bad);
      }
      assertEquals(Map.of("Content", "二"), WechatXml.fields("<xml><Content><![CDATA[二]]></Content></xml>"));
    }
  }
}
