package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {
  @Test
  void shortTextIsOnePart() {
    assertEquals(List.of("你好"), TextSplitter.split("你好", 2047));
  }

  @Test
  void longChineseTextSplitsAtSentencesWithinTheByteLimit() {
    String sentence = "寄宿生生活补助按每生每年1250元的标准发放。"; // 3 bytes per Chinese character
    String text = sentence.repeat(100);
    List<String> parts = TextSplitter.split(text, 2047);
    assertTrue(parts.size() > 1);
    for (String p : parts) {
      assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= 2047, p.length() + "");
      assertTrue(p.endsWith("。"), "part ends mid-sentence: " + p.substring(p.length() - 5));
    }
    assertEquals(text, String.join("", parts));
  }

  @Test
  void textWithoutBoundariesIsStillCutWithinTheLimit() {
    String text = "资".repeat(1000);
    List<String> parts = TextSplitter.split(text, 2047);
    assertEquals(2, parts.size());
    assertEquals(682, parts.get(0).length());
    assertEquals(text, String.join("", parts));
  }
}
