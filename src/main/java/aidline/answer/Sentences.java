package aidline.answer;

import java.util.ArrayList;
import java.util.List;

/** Cuts a passage into sentences, the unit a quote is trimmed to. */
public final class Sentences {
  private Sentences() {}

  /** Sentences of a paragraph, each ending with its 。；！？ (or the paragraph's end). */
  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      cur.append(c);
      if (c == '。' || c == '；' || c == '！' || c == '？' || c == ';' || c == '\n') {
        add(out, cur);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
