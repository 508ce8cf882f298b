package aidline.conversation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long reply into parts of at most {@code maxBytes} UTF-8 bytes, preferring paragraph, then
 * sentence, then any character boundary, so no part cuts a sentence when it can be avoided.
 */
public final class TextSplitter {
  private TextSplitter() {}

  public static List<String> split(String text, int maxBytes) {
    List<String> parts = new ArrayList<>();
    String rest = text == null ? "" : text;
    while (bytes(rest) > maxBytes) {
      int cut = cutPoint(rest, maxBytes);
      parts.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty() || parts.isEmpty()) {
      parts.add(rest);
    }
    return parts;
  }

  static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The largest prefix length that fits, moved back to the best boundary inside it. */
  private static int cutPoint(String s, int maxBytes) {
    int fit = 0;
    int used = 0;
    while (fit < s.length()) {
      int cp = s.codePointAt(fit);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + len > maxBytes) {
        break;
      }
      used += len;
      fit += Character.charCount(cp);
    }
    String head = s.substring(0, fit);
    int para = head.lastIndexOf("\n\n");
    if (para > fit / 3) {
      return para + 2;
    }
    int line = head.lastIndexOf('\n');
    if (line > fit / 2) {
      return line + 1;
    }
    int sentence = -1;
    for (String mark : new String[] {"。", "！", "？", "；", ". ", "! ", "? "}) {
      sentence = Math.max(sentence, head.lastIndexOf(mark) + mark.length() - 1);
    }
    if (sentence > fit / 2) {
      return sentence + 1;
    }
    return Math.max(fit, 1);
  }
}
