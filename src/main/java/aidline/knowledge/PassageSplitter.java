package aidline.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document body into passages along the document's own headings: Markdown headings and
 * paragraphs that start with a numbering (一、 （一） 1. （1） ①). Each passage carries the path of
 * headings above it, so a citation can say 五（二）2.
 *
 * <p>Nesting is decided by the order styles appear in, not by a fixed table: a style already on
 * the path closes everything below it, a new style nests. A Markdown heading of level n also closes
 * what was opened at level n or deeper, so 附件 or 基本介绍 headings start a new branch.
 */
public final class PassageSplitter {
  /** A numbered paragraph longer than this is body text with a number, labelled by number only. */
  private static final int SHORT_HEADING = 20;

  private record Open(SectionPath.Style style, int markdownLevel, String label) {}

  private static final int PLAIN = 99;

  public List<Passage> split(PolicyDocument doc) {
    List<String> blocks = blocks(doc.body());
    boolean singleTitle = blocks.stream().filter(b -> b.startsWith("# ")).count() == 1;
    List<Passage> out = new ArrayList<>();
    List<Open> stack = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    String section = "";
    for (String block : blocks) {
      int level = markdownLevel(block);
      String line = level > 0 ? block.substring(level).strip() : block;
      if (level == 1 && singleTitle) {
        flush(doc, section, text, out);
        stack.clear();
        section = "";
        continue;
      }
      if (level == 0 && line.startsWith("附件") && line.length() <= 60) {
        level = 1; // an annex starts a new branch like a top-level heading
      }
      var numbering = SectionPath.numbering(line);
      boolean heading = level > 0 || numbering.isPresent();
      if (!heading) {
        append(text, line);
        continue;
      }
      flush(doc, section, text, out);
      int md = level > 0 ? level : PLAIN;
      if (line.startsWith("附件")) {
        stack.clear(); // annexes are top-level whatever heading level they were given
      }
      if (md != PLAIN) {
        stack.removeIf(o -> o.markdownLevel() >= md);
      }
      if (numbering.isPresent()) {
        SectionPath.Style style = numbering.get().style();
        for (int i = 0; i < stack.size(); i++) {
          if (stack.get(i).style() == style) {
            stack.subList(i, stack.size()).clear();
            break;
          }
        }
      }
      stack.add(new Open(numbering.map(SectionPath.Numbering::style).orElse(null), md, label(line, numbering.orElse(null))));
      section = String.join(SectionPath.SEPARATOR, stack.stream().map(Open::label).toList());
      append(text, line);
    }
    flush(doc, section, text, out);
    return out;
  }

  /** 一、 headings keep their words (五、政策措施); deeper numbers stand alone ((二), 2.). */
  static String label(String line, SectionPath.Numbering n) {
    if (n == null) {
      String l = line.strip();
      return l.length() > 30 ? l.substring(0, 30) : l;
    }
    if (n.style() == SectionPath.Style.CHINESE) {
      String rest = line.substring(n.length()).strip();
      int stop = indexOfAny(rest, "。；;，,：:");
      if (stop >= 0) {
        rest = rest.substring(0, stop);
      }
      if (rest.length() <= SHORT_HEADING) {
        return n.label() + rest;
      }
    }
    return n.label();
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static void append(StringBuilder text, String line) {
    if (text.length() > 0) {
      text.append('\n');
    }
    text.append(line);
  }

  /** A passage whose text is only its heading (五、政策措施 before （一）) carries no content. */
  private static void flush(PolicyDocument doc, String section, StringBuilder text, List<Passage> out) {
    String t = text.toString().strip();
    text.setLength(0);
    if (t.isEmpty() || (!t.contains("\n") && t.length() <= SHORT_HEADING + 10 && !section.isEmpty() && isHeadingOnly(t))) {
      return;
    }
    out.add(new Passage(doc.id(), doc.title(), doc.docNumber(), doc.region(), section, t));
  }

  private static boolean isHeadingOnly(String t) {
    return !t.contains("。") && !t.matches(".*\\d.*[元%].*");
  }

  private static int markdownLevel(String block) {
    int i = 0;
    while (i < block.length() && i < 6 && block.charAt(i) == '#') {
      i++;
    }
    return i > 0 && i < block.length() && block.charAt(i) == ' ' ? i : 0;
  }

  /** Blocks are paragraphs; a Markdown table stays one block, a heading line is its own block. */
  static List<String> blocks(String body) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String raw : body.replace("\r\n", "\n").split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        continue;
      }
      if (line.startsWith("#")) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        out.add(line);
        continue;
      }
      if (cur.length() > 0) {
        cur.append(line.startsWith("|") || line.matches("^[-*+] .*") ? "\n" : "");
      }
      cur.append(line);
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }
}
