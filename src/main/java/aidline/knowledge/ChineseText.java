package aidline.knowledge;

import aidline.values.HalfWidth;
import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.Map;

/**
 * Text normalisation shared by cleaning, indexing and question understanding: Traditional →
 * Simplified (opencc4j), full-width ASCII (digits, letters, space) → half-width.
 */
public final class ChineseText {
  private ChineseText() {}

  /**
   * Words opencc4j leaves in their Traditional form because 著 is also a valid Simplified character
   * (著作, 显著): in these words Simplified writes 着. Found by reviewing seed 003; keep it small and
   * only add words the library gets wrong.
   */
  private static final Map<String, String> CORRECTIONS =
      Map.of(
          "著力", "着力",
          "著重", "着重",
          "著手", "着手",
          "著眼", "着眼",
          "著想", "着想",
          "随著", "随着",
          "意味著", "意味着");

  public static String toSimplified(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = ZhConverterUtil.toSimple(text);
    if (s.indexOf('著') >= 0) {
      for (Map.Entry<String, String> e : CORRECTIONS.entrySet()) {
        s = s.replace(e.getKey(), e.getValue());
      }
    }
    return s;
  }

  /** Full-width ASCII forms (０-９, Ａ-Ｚ, ａ-ｚ) and the ideographic space become half-width. */
  public static String halfWidth(String text) {
    return HalfWidth.of(text);
  }

  /** What every question and every indexed text goes through before matching. */
  public static String normalize(String text) {
    return text == null ? "" : toSimplified(halfWidth(text));
  }
}
