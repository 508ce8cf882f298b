package aidline.knowledge;

import aidline.values.HalfWidth;
import com.github.houbb.opencc4j.support.datamap.impl.DataMapDefault;
import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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

  /**
   * UTF-16 units without which opencc4j's Traditional → Simplified conversion changes nothing: every
   * character key it converts to something else, and for each phrase key holding none of those
   * (乾坤, 反覆: characters that alone stay as they are) one of its units, since a phrase only
   * matches where all of its units are. A text with none of them is returned unchanged, so it skips
   * the converter: most parents write Simplified, and a message is normalised by several readers.
   * A constant table, built once from the library's own data; ChineseTextTest checks it is exact.
   */
  private static final class TraditionalKeys {
    static final BitSet UNITS = load();

    private static BitSet load() {
      BitSet units = new BitSet(Character.MAX_VALUE + 1);
      DataMapDefault data = new DataMapDefault();
      Map<String, List<String>> chars = data.tsChar();
      List<String> phrases = new ArrayList<>(data.tsPhrase().keySet());
      chars.forEach((key, to) -> {
        if (key.length() != 1) {
          phrases.add(key);
        } else if (to == null || to.isEmpty() || !key.equals(to.get(0))) {
          units.set(key.charAt(0));
        }
      });
      for (String phrase : phrases) {
        if (!phrase.isEmpty() && phrase.chars().noneMatch(units::get)) {
          // one unit is enough to send every text holding the phrase to the converter
          units.set(phrase.chars().filter(c -> chars.containsKey(String.valueOf((char) c))).findFirst().orElse(phrase.charAt(0)));
        }
      }
      return units;
    }
  }

  /** False when {@code text} holds no unit of a Traditional key: conversion would be a no-op. */
  static boolean mayConvert(String text) {
    BitSet units = TraditionalKeys.UNITS;
    for (int i = 0; i < text.length(); i++) {
      if (units.get(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  public static String toSimplified(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = mayConvert(text) ? ZhConverterUtil.toSimple(text) : text;
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
