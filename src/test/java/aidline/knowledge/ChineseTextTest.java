package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChineseTextTest {
  @Test
  void traditionalTextIsStillConverted() {
    assertEquals("俺家娃在岳阳上技校，能免学费不", ChineseText.normalize("俺家娃在嶽陽上技校，能免學費不"));
    assertEquals("随着资助政策落实", ChineseText.normalize("隨著資助政策落實"));
    assertTrue(ChineseText.mayConvert("學費"));
  }

  @Test
  void simplifiedTextSkipsConversion() {
    assertFalse(ChineseText.mayConvert("岳阳市初中寄宿生每年有多少生活补助？"));
    assertEquals("岳阳市初中寄宿生每年有多少生活补助?", ChineseText.normalize("岳阳市初中寄宿生每年有多少生活补助？".replace('？', '?')));
  }

  /** The skip is exact: no character outside the table is changed by the converter, alone or in text. */
  @Test
  void everyCharacterOutsideTheTableConvertsToItself() {
    for (int c = 0x2E80; c <= 0xFFEF; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      String one = String.valueOf((char) c);
      if (!ChineseText.mayConvert(one)) {
        assertEquals(one, ZhConverterUtil.toSimple(one), () -> "U+" + Integer.toHexString(one.charAt(0)));
      }
    }
  }

  @Test
  void knowledgeBaseLinesOutsideTheTableConvertToThemselves() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("knowledge-base"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    int skipped = 0;
    for (String line : lines) {
      if (!line.isBlank() && !ChineseText.mayConvert(line)) {
        skipped++;
        assertEquals(line, ZhConverterUtil.toSimple(line), line);
      }
    }
    assertTrue(skipped * 2 > lines.size(), "most Simplified lines skip conversion, skipped " + skipped + " of " + lines.size());
  }
}
