package aidline.knowledge;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Test helpers: the seed files and checks the golden tests share. */
final class SeedText {
  static final Path SEEDS = Path.of("src/test/resources/seeds");
  static final Pattern PINYIN_GLOSS = Pattern.compile("\\p{IsHan}\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\\)");
  /** Spam and site text of seed 003 and 004 that must never reach the knowledge base. */
  static final String[] SITE_TEXT = {
    "成a人", "在线不卡", "一二三区", "Av片", "sm全部网站", "千文网", "千文網", "点击下载", "點擊下載", "文档来源", "网址", "puma08",
    "声明:", "本站", "版权所有", "ICP备", "发布时间", "分辨率"
  };

  private SeedText() {}

  static String seed(String prefix) {
    try (var files = Files.list(SEEDS)) {
      Path p = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Characters opencc4j would still change: Traditional-only characters. */
  static Set<String> traditionalChars(String text) {
    Set<String> out = new LinkedHashSet<>();
    text.codePoints()
        .filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
        .mapToObj(cp -> new String(Character.toChars(cp)))
        .filter(c -> !ZhConverterUtil.toSimple(c).equals(c))
        .forEach(out::add);
    return out;
  }
}
