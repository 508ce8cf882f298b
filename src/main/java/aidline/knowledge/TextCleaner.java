package aidline.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans a raw policy text (txt, md or html as received) into Markdown body text without rewording
 * it: Traditional → Simplified, pinyin glosses out, spam and site chrome out, full-width digits and
 * spaces normalised, hard-wrapped lines joined, the document's own headings marked as Markdown
 * headings (一、 → ##, （一） → ###) so that citations can use its numbering.
 */
public final class TextCleaner {

  /** The result: the cleaned body and the lines a human should still look at. */
  public record Result(String body, List<String> garbled, List<String> dropped) {}

  /** A gloss like 鎮(zhèn) or 務(wù): one Han character followed by a parenthesised pinyin syllable. */
  private static final Pattern PINYIN_GLOSS =
      Pattern.compile("(\\p{IsHan})[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})[)）]");

  /** Whole lines that are site chrome, download prompts, footers or ads. */
  private static final List<Pattern> CHROME =
      List.of(
          Pattern.compile("^(网址|網址|声明|聲明|版权所有|版權所有|主办|主辦|开发维护|網站聲明|网站声明)[:：@ ].*"),
          Pattern.compile(".*(版权所有|版權所有)\\s*@.*"),
          Pattern.compile(".*(网站声明|联系我们|ICP备|ICP證|ICP证).*"),
          Pattern.compile(".*(千文网|千文網).*"),
          Pattern.compile("^[•·\\-*]?\\s*(点击下载|點擊下載|文档来源|文檔來源|文档格式|文檔格式|文档分类|文檔分類).*"),
          Pattern.compile("^(发布时间|發佈時間|發布時間)[:：].*"),
          Pattern.compile(".*建议显示屏分辨率.*"),
          Pattern.compile("^字体大小.*"),
          Pattern.compile("^索\\s*引\\s*号\\s*[:：].*"),
          Pattern.compile(".*https?://\\S+.*"));

  /** Words that mark spam (pornographic ads and the like); a short line containing them is dropped. */
  private static final Pattern SPAM =
      Pattern.compile("(成[aA人]人?片|在线不卡|在线视频|[Aa][Vv]片|sm全部网站|一二三区|国产精品|精品国产|无码|色情|三级片)");

  /** List markup left inside plain text by a word processor export. */
  private static final Pattern STRAY_TAGS = Pattern.compile("</?(ol|ul|li|p|span|div|br|font)(\\s[^>]*)?/?>", Pattern.CASE_INSENSITIVE);
  /** Copy-protection dots and quotes that content farms insert between characters: 的.和谐, 的'学生. */
  private static final Pattern COPY_GUARD = Pattern.compile("(?<=\\p{IsHan})[.'](?=\\p{IsHan})");
  /** Two or more spaces between Han characters are layout (通       知), not text. */
  private static final Pattern WIDE_GAP = Pattern.compile("(?<=\\p{IsHan})[ \\u3000]{2,}(?=\\p{IsHan})");
  /** A letter-spaced title line: 海 南 省 教 育 厅. */
  private static final Pattern LETTER_SPACED = Pattern.compile("^(\\p{IsHan} )+\\p{IsHan}$");

  private static final Pattern HEADING_1 = Pattern.compile("^[一二三四五六七八九十]{1,3}、.*");
  private static final Pattern HEADING_2 = Pattern.compile("^[（(][一二三四五六七八九十]{1,3}[）)].*");
  private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,2}[.、．]|[（(]\\d{1,2}[）)]|[①-⑳]|第[一二三四五六七八九十]+[篇章条部分]).*");
  /** A closing quote or bracket ends a sentence only right after a full stop: 。” but not “省培”. */
  /** A document title line (……的通知, ……实施方案) stands alone even when long. */
  private static final Pattern TITLE_END = Pattern.compile(".*(通知|方案|意见|办法|细则|规定|决定|清单|计划|报告|安排表|登记表|建档表)$");
  private static final Pattern SENTENCE_END = Pattern.compile(".*[。；;！!？?：:][”」』）)]?$");

  public Result clean(String raw, String format) {
    String text = raw.replace("\r\n", "\n").replace('\r', '\n').replace("\uFEFF", "");
    if ("html".equals(format == null ? "" : format.toLowerCase(Locale.ROOT))) {
      text = htmlToText(text);
    }
    List<String> dropped = new ArrayList<>();
    List<String> garbled = new ArrayList<>();
    List<String> paragraphs = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (isTableRow(line)) {
        paragraphs.add(tableRow(line));
        continue;
      }
      String l = cleanLine(line);
      if (l.isEmpty()) {
        paragraphs.add("");
        continue;
      }
      if (isChrome(l)) {
        dropped.add(l);
        continue;
      }
      paragraphs.add(l);
    }
    List<String> joined = tables(join(paragraphs));
    List<String> out = new ArrayList<>();
    for (String p : joined) {
      if (looksGarbled(p)) {
        garbled.add(p);
      }
      out.add(markHeading(p));
    }
    return new Result(String.join("\n\n", out).strip() + "\n", List.copyOf(garbled), List.copyOf(dropped));
  }

  /** One line: glosses out, then Traditional → Simplified and half-width, then whitespace trimmed. */
  static String cleanLine(String line) {
    String l = removePinyinGlosses(line);
    l = ChineseText.normalize(l);
    l = STRAY_TAGS.matcher(l).replaceAll(" ");
    l = COPY_GUARD.matcher(l).replaceAll("");
    l = l.replace('\u00A0', ' ').replace("\t", " ").strip();
    l = WIDE_GAP.matcher(l).replaceAll(" ");
    if (LETTER_SPACED.matcher(l).matches()) {
      l = l.replace(" ", "");
    }
    l = l.replaceAll(" {2,}", " ");
    if (l.startsWith("#")) {
      l = l.replaceFirst("^#+\\s*", "");
    }
    return l;
  }

  /** A tab between two non-empty cells: a table row exported as text. */
  static boolean isTableRow(String line) {
    String t = line.strip();
    return t.contains("\t") && t.split("\t+").length >= 2;
  }

  static String tableRow(String line) {
    List<String> cells = new ArrayList<>();
    for (String cell : line.strip().split("\t+")) {
      cells.add(cleanLine(cell).replace("|", "/"));
    }
    return "| " + String.join(" | ", cells) + " |";
  }

  public static String removePinyinGlosses(String text) {
    Matcher m = PINYIN_GLOSS.matcher(text);
    return m.replaceAll("$1");
  }

  static boolean isChrome(String line) {
    if (SPAM.matcher(line).find()) {
      return true;
    }
    for (Pattern p : CHROME) {
      if (p.matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Consecutive table rows become one Markdown table; the first row is its header. */
  static List<String> tables(List<String> paras) {
    List<String> out = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (String p : paras) {
      if (p.startsWith("| ")) {
        rows.add(p);
        continue;
      }
      flushTable(rows, out);
      out.add(p);
    }
    flushTable(rows, out);
    return out;
  }

  private static void flushTable(List<String> rows, List<String> out) {
    if (rows.isEmpty()) {
      return;
    }
    int cols = rows.get(0).split(" \\| ", -1).length;
    StringBuilder sb = new StringBuilder(rows.get(0)).append('\n').append("|");
    sb.append(" --- |".repeat(Math.max(1, cols)));
    for (int i = 1; i < rows.size(); i++) {
      sb.append('\n').append(rows.get(i));
    }
    out.add(sb.toString());
    rows.clear();
  }

  /**
   * Paragraphs are separated by blank lines; a paragraph that stops mid-sentence (a long one with no
   * closing punctuation) continues in the next one unless that one starts a new heading or item.
   */
  static List<String> join(List<String> lines) {
    List<String> paras = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String l : lines) {
      if (l.isEmpty()) {
        if (cur.length() > 0) {
          paras.add(cur.toString());
          cur.setLength(0);
        }
        continue;
      }
      if (cur.length() > 0 && !continues(cur.toString(), l)) {
        paras.add(cur.toString());
        cur.setLength(0);
      }
      cur.append(l);
    }
    if (cur.length() > 0) {
      paras.add(cur.toString());
    }
    List<String> out = new ArrayList<>();
    for (String p : paras) {
      if (!out.isEmpty() && continues(out.get(out.size() - 1), p)) {
        out.set(out.size() - 1, out.get(out.size() - 1) + p);
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Whether {@code next} continues the sentence {@code previous} stopped in. Titles and short
   * headings have no closing punctuation either, so only text that is clearly mid-sentence joins:
   * an open bracket or quote, body text with a full stop before, or a long line.
   */
  static boolean continues(String previous, String next) {
    if (startsItem(next) || next.startsWith("|") || previous.startsWith("|")) {
      return false;
    }
    if (SENTENCE_END.matcher(previous).matches() || TITLE_END.matcher(previous).matches()) {
      return false;
    }
    if (unbalanced(previous) || previous.endsWith("》") || previous.endsWith("、") || previous.endsWith("，") || previous.endsWith(",")) {
      return true;
    }
    if (previous.contains("。") || previous.contains("；")) {
      return true;
    }
    return previous.length() >= 40 || (previous.length() >= 28 && !startsItem(previous));
  }

  private static boolean unbalanced(String s) {
    return count(s, "（(") > count(s, "）)") || count(s, "《") > count(s, "》") || count(s, "“") > count(s, "”");
  }

  private static int count(String s, String chars) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        n++;
      }
    }
    return n;
  }

  private static boolean startsItem(String line) {
    return HEADING_1.matcher(line).matches()
        || HEADING_2.matcher(line).matches()
        || NUMBERED.matcher(line).matches()
        || line.startsWith("附件");
  }

  /**
   * 一、 lines become ## and （一） lines ###. A heading run into its first paragraph
   * （（二）健全……体系。按照……） is split after the heading's own full stop, so no sentence changes.
   */
  static String markHeading(String p) {
    String marker = HEADING_1.matcher(p).matches() ? "## " : HEADING_2.matcher(p).matches() ? "### " : null;
    if (marker == null) {
      return p;
    }
    if (p.length() <= 40) {
      return marker + p;
    }
    int stop = p.indexOf('。');
    if (stop > 0 && stop <= 40 && stop < p.length() - 1) {
      return marker + p.substring(0, stop + 1) + "\n\n" + p.substring(stop + 1);
    }
    return p;
  }

  /**
   * Garbled: replacement characters, question-mark runs, or Latin letters glued to Han characters
   * (mojibake like ??h域内); URLs and units like 10M are allowed.
   */
  public static boolean looksGarbled(String p) {
    return p.indexOf('\uFFFD') >= 0
        || p.contains("??")
        || Pattern.compile("\\p{IsHan}[a-z]{1,3}\\p{IsHan}").matcher(p).find()
        || Pattern.compile("[\\u00C0-\\u024F]").matcher(p).find();
  }

  /** Minimal HTML to text: block tags become line breaks, other tags go, common entities decode. */
  static String htmlToText(String html) {
    String t = html.replaceAll("(?is)<(script|style|head|nav|footer)[^>]*>.*?</\\1>", "\n");
    t = t.replaceAll("(?i)<br\\s*/?>", "\n");
    t = t.replaceAll("(?i)</?(p|div|h[1-6]|li|tr|table|section|article|ul|ol)[^>]*>", "\n");
    t = t.replaceAll("(?i)</?(td|th)[^>]*>", "\t");
    t = t.replaceAll("<[^>]+>", "");
    return t.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&amp;", "&");
  }
}
