package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextCleanerTest {
  final TextCleaner cleaner = new TextCleaner();

  @Test
  void webCopyInTraditionalBecomesCleanSimplified() {
    TextCleaner.Result r = cleaner.clean(SeedText.seed("003"), "txt");
    String body = r.body();
    assertFalse(SeedText.PINYIN_GLOSS.matcher(body).find(), "pinyin gloss left");
    assertEquals(List.of(), List.copyOf(SeedText.traditionalChars(body)), "Traditional characters left");
    for (String s : SeedText.SITE_TEXT) {
      assertFalse(body.contains(s), "site text left: " + s);
    }
    assertTrue(r.dropped().stream().anyMatch(d -> d.contains("在线不卡")), "spam line reported as dropped");
    // words that opencc4j alone leaves Traditional
    assertTrue(body.contains("着重提高班主任"), "著重 → 着重");
    assertTrue(body.contains("镇精准扶贫"));
    // the document's own structure survives for citations
    assertTrue(body.contains("\n### (三)精确落实学生资助政策,确保精准扶贫取得实效\n"));
    assertTrue(body.contains("(2)义务教育阶段学生:享受免学费、课本费、寄宿费同时,再增补1000元补助。"));
  }

  @Test
  void stillGarbledLinesAreListedForAPerson() {
    TextCleaner.Result r = cleaner.clean(SeedText.seed("003"), "txt");
    assertEquals(6, r.garbled().size(), String.join("\n", r.garbled()));
    assertTrue(r.garbled().stream().anyMatch(g -> g.startsWith("6、发放资助资金财政局在收到??")));
    assertTrue(r.garbled().stream().noneMatch(g -> g.contains("寄宿生在原有初中生1250元")), "clean lines are not listed");
  }

  @Test
  void governmentSiteFooterAndMetadataAreDropped() {
    String body = cleaner.clean(SeedText.seed("004"), "txt").body();
    assertFalse(body.contains("版权所有"));
    assertFalse(body.contains("ICP备"));
    assertFalse(body.contains("索 引 号"));
    assertTrue(body.contains("认真办好961017热线工作教育工单"));
    assertTrue(body.contains("\n## 二、重点行动\n"));
    assertTrue(body.contains("海南省教育厅\n"), "letter-spaced 海 南 省 教 育 厅 joined");
  }

  @Test
  void hardWrappedSentencesAreJoinedAndHeadingsKept() {
    String baicheng = cleaner.clean(SeedText.seed("002"), "txt").body();
    assertTrue(baicheng.contains("积极推进教育民生实事工程"), "line broken inside 积极推/进 joined");
    assertTrue(baicheng.contains("对进入民办学校就读或择校进入非学区内其它学校就读的学生不予补助或减免。"));
    String jianshi = cleaner.clean(SeedText.seed("001"), "txt").body();
    assertTrue(jianshi.contains("《建始县教育精准扶贫学生资助实施细则》（建脱贫指办发〔2018〕73号）文件精神"));
    assertTrue(jianshi.contains("“国培”、“省培”和“县培”工作"), "quote at line end does not end the sentence");
    assertTrue(jianshi.contains("的通知\n\n各乡镇人民政府"), "a title line stays on its own");
    assertTrue(jianshi.contains("| 县财政局 | 1. 落实 2018 年教育易迁项目财政配套资金 1096 万元;"), "tab rows become a table");
    assertFalse(jianshi.contains("<ol"));
    String yueyang = cleaner.clean(SeedText.seed("000"), "txt").body();
    assertTrue(yueyang.contains("\n### （二）健全家庭经济困难学生资助政策体系。\n\n按照“资助对象精准认定"), "heading split after its own full stop");
    assertTrue(yueyang.contains("所有建档立卡的家庭经济困难寄宿生给予生活补助，标准为每生每年小学1000元、初中1250元。"));
    assertTrue(yueyang.contains("\n通知\n") || yueyang.contains("\n通 知\n") || yueyang.contains("通知"));
  }

  @Test
  void glossesWidthAndCopyGuardsAreNormalised() {
    assertEquals("镇精准扶贫", ChineseText.toSimplified(TextCleaner.removePinyinGlosses("鎮(zhèn)精準(zhǔn)扶貧")));
    assertEquals("每生每年1250元", TextCleaner.cleanLine("　每生每年１２５０元　"));
    assertEquals("营造捐资助学的和谐氛围", TextCleaner.cleanLine("营造捐资助学的.和谐氛围"));
    assertEquals("1.5%", TextCleaner.cleanLine("1.5%"));
    assertTrue(TextCleaner.looksGarbled("向乡村学校流动??h域内"));
    assertFalse(TextCleaner.looksGarbled("宽带网络接入10M以上"));
  }

  @Test
  void htmlBecomesParagraphs() {
    String html = "<html><head><title>x</title><script>var a=1;</script></head><body>"
        + "<h2>一、资助标准</h2><p>寄宿生每生每年&nbsp;1000元。</p><div>网址: http://example.com/a</div>"
        + "<table><tr><td>学段</td><td>标准</td></tr><tr><td>初中</td><td>1250元</td></tr></table></body></html>";
    String body = cleaner.clean(html, "html").body();
    assertTrue(body.contains("## 一、资助标准"), body);
    assertTrue(body.contains("寄宿生每生每年 1000元。"), body);
    assertFalse(body.contains("var a"), body);
    assertFalse(body.contains("example.com"), body);
    assertTrue(body.contains("| 初中 | 1250元 |"), body);
  }
}
