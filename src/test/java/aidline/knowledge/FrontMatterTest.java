package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontMatterTest {
  @Test
  void renderedFrontMatterReadsBackExactly() {
    PolicyDocument d =
        new PolicyDocument("a-1", "通知: \"关于\" #1", "湖南省岳阳市", "- 局", "岳教体办通〔2016〕17号", "2016-04-11", "draft", "policy",
            "http://x/y?a=1#b", "正文。\n");
    String text = FrontMatter.render(d, Map.of("note", "yes"));
    FrontMatter.Parsed p = FrontMatter.parse(text);
    assertEquals("通知: \"关于\" #1", p.fields().get("title"));
    assertEquals("- 局", p.fields().get("issuer"));
    assertEquals("2016-04-11", p.fields().get("date"));
    assertEquals("http://x/y?a=1#b", p.fields().get("sourceUrl"));
    assertEquals("yes", p.fields().get("note"));
    assertEquals("正文。\n", p.body());
    assertEquals(d, KnowledgeFolder.toDocument(java.nio.file.Path.of("a-1.md"), text));
  }

  @Test
  void fileWithoutFrontMatterUsesFileNameAndHeading() {
    PolicyDocument d = KnowledgeFolder.toDocument(java.nio.file.Path.of("x/loan-faq.md"), "# 助学贷款问答\n\n内容。");
    assertEquals("loan-faq", d.id());
    assertEquals("助学贷款问答", d.title());
    assertEquals(true, d.published());
  }

  @Test
  void unterminatedFrontMatterIsAChineseError() {
    assertThrows(KnowledgeException.class, () -> FrontMatter.parse("---\nid: a\n正文"));
  }
}
