package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RepliesTest {
  private static AidStandard.Source source(String section, String quote) {
    return new AidStandard.Source("doc", "某市教育精准扶贫实施方案", "某教〔2016〕1号", "湖南省岳阳市", section, quote);
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void eachLineQuoteAndAmountIsStatedOnce() {
    Replies r = new Replies().lead("湖南省岳阳市：初中1250元。");
    r.line("· 初中寄宿生生活补助：1250元/生·年。");
    r.line("· 初中寄宿生生活补助：1250元/生·年。");
    r.cite(source("五（二）2", "标准为每生每年小学1000元、初中1250元。"));
    r.cite(source("五（二）2", "标准为每生每年小学1000元、初中1250元。"));
    Amount a = new Amount(new BigDecimal("1250"), "元/生·年", "初中寄宿生生活补助", "湖南省岳阳市");
    r.amount(a).amount(a);
    Answer answer = r.build(Intent.AMOUNT, null, false);
    assertEquals(1, count(answer.reply(), "· 初中寄宿生生活补助"));
    assertEquals(1, count(answer.reply(), "小学1000元、初中1250元"));
    assertEquals(1, answer.amounts().size());
    assertEquals(1, answer.citations().size());
    assertEquals("湖南省岳阳市：初中1250元。", answer.lead());
    assertTrue(answer.reply().startsWith(answer.lead()));
    assertNull(answer.more());
  }

  @Test
  void quotesBeyondOneScreenWaitForMore() {
    Replies r = new Replies().lead("湖南省岳阳市：每个贫困乡镇至少建好1个留守儿童关爱中心。");
    for (int i = 1; i <= 5; i++) {
      r.cite(source("四" + i, "第" + i + "条：" + "贫困乡镇至少建好1个留守儿童关爱中心，开设亲情电话，招募志愿者。".repeat(2)));
    }
    r.note("具体以当地最新通知为准。");
    Answer answer = r.build(Intent.POLICY, null, false);
    assertTrue(answer.reply().length() <= Replies.SCREEN, answer.reply().length() + "\n" + answer.reply());
    assertTrue(answer.reply().endsWith(Replies.MORE_PROMPT), answer.reply());
    assertTrue(answer.reply().contains("具体以当地最新通知为准"), "notes always show");
    assertNotNull(answer.more());
    assertTrue(answer.more().contains("第5条"), answer.more());
    assertEquals(5, answer.citations().size(), "the structure keeps every citation");
    // nothing is both on screen and in “更多”
    for (String line : answer.more().split("\n")) {
      assertTrue(!answer.reply().contains(line), line);
    }
  }

  @Test
  void aFirstQuoteTooLongForTheScreenIsNamedAndOffered() {
    Replies r = new Replies().lead("湖南省岳阳市：平均资助标准为每生每年1000元。");
    r.cite(source("五（二）1", "对在公办幼儿园及普惠性民办幼儿园就读的家庭经济困难儿童予以资助，".repeat(8) + "平均资助标准为每生每年1000元。"));
    Answer answer = r.build(Intent.AMOUNT, null, false);
    assertTrue(answer.reply().contains("依据：《某市教育精准扶贫实施方案》（某教〔2016〕1号）五（二）1（原文见“更多”）"), answer.reply());
    assertTrue(answer.more().contains("平均资助标准为每生每年1000元"), answer.more());
  }
}
