package aidline.answer;

import aidline.knowledge.ChineseText;
import aidline.knowledge.Passage;
import aidline.knowledge.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document body into paragraphs, each with the section path the document numbers it by
 * (五、 > （二） > 2. gives "五（二）2"), so quotes can be cited by section.
 */
public final class Paragraphs {
  private static final Pattern L1 = Pattern.compile("^(?:第[一二三四五六七八九十]+[篇章部分]|[一二三四五六七八九十]+、)");
  private static final Pattern L2 = Pattern.compile("^[（(]([一二三四五六七八九十]+)[）)]");
  private static final Pattern L3 = Pattern.compile("^([0-9]+)\\s*[.、．](?![0-9])");
  private static final Pattern L4 = Pattern.compile("^[（(]([0-9]+)[）)]|^([①②③④⑤⑥⑦⑧⑨⑩])");

  private Paragraphs() {}

  public static List<Passage> of(PolicyDocument doc) {
    List<Passage> out = new ArrayList<>();
    String[] levels = new String[4];
    for (String rawLine : doc.body().split("\n")) {
      String line = ChineseText.normalize(rawLine).replaceFirst("^[#>*\\-\\s]+", "").trim();
      if (line.isEmpty() || line.startsWith("|---") || line.startsWith("<")) {
        continue;
      }
      Matcher m;
      if ((m = L1.matcher(line)).find()) {
        String token = m.group();
        levels[0] = token.endsWith("、") ? token.substring(0, token.length() - 1) : token;
        levels[1] = levels[2] = levels[3] = null;
      } else if ((m = L2.matcher(line)).find()) {
        levels[1] = "（" + m.group(1) + "）";
        levels[2] = levels[3] = null;
      } else if ((m = L3.matcher(line)).find()) {
        levels[2] = m.group(1);
        levels[3] = null;
      } else if ((m = L4.matcher(line)).find()) {
        levels[3] = m.group(1) != null ? "（" + m.group(1) + "）" : m.group(2);
      }
      StringBuilder section = new StringBuilder();
      for (String l : levels) {
        if (l != null) {
          section.append(l);
        }
      }
      out.add(new Passage(doc.id(), doc.title(), doc.docNumber(), doc.region(), section.toString(), line));
    }
    return out;
  }

  /** Sentences of a paragraph, each ending with its 。；！？ (or the paragraph's end). */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      cur.append(c);
      if (c == '。' || c == '；' || c == '！' || c == '？' || c == ';') {
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
