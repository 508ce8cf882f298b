package aidline.knowledge;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

/**
 * Text normalisation shared by cleaning, indexing and question understanding: Traditional →
 * Simplified (opencc4j), full-width ASCII (digits, letters, space) → half-width.
 */
public final class ChineseText {
  private ChineseText() {}

  public static String toSimplified(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return ZhConverterUtil.toSimple(text);
  }

  /** Full-width ASCII forms (０-９, Ａ-Ｚ, ａ-ｚ) and the ideographic space become half-width. */
  public static String halfWidth(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u3000') {
        sb.append(' ');
      } else if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')) {
        sb.append((char) (c - 0xFEE0));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** What every question and every indexed text goes through before matching. */
  public static String normalize(String text) {
    return text == null ? "" : toSimplified(halfWidth(text));
  }
}
