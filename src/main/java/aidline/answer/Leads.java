package aidline.answer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the clause of a quoted sentence that answers the question — the one with the figure, the
 * phone number, the count, the place — to lead the reply with. The lead is a verbatim piece of the
 * quote (numbering such as “5、” and closing punctuation aside), so it never states a number the
 * document does not.
 */
final class Leads {
  private static final String CLAUSE_ENDS = "，,；;：:。！？";
  /** A clause shorter than this (“标准为”, “即”) is read with the clause before it. */
  private static final int MIN_CLAUSE = 10;
  /** A lead longer than this is no longer one line on a phone. */
  static final int MAX_LEAD = 90;
  /** An answer-shaped clause (a number with its unit for 几所) outweighs several shared words. */
  private static final int SHAPE_WEIGHT = 10;
  private static final Pattern NUMBERING =
      Pattern.compile("^(\\s*([0-9]+[.、．]|[（(][一二三四五六七八九十0-9]+[)）]|[①-⑳]|[一二三四五六七八九十]+、|[一二三四五六七八九十]+是))+\\s*");

  private static final String SPACED_NUMBER = "(?<=[0-9])[ \u3000]+(?=[\u4e00-\u9fa5%])|(?<=[\u4e00-\u9fa5])[ \u3000]+(?=[0-9])";

  private Leads() {}

  /** The clause of {@code sentence} that best answers: shaped like the answer, sharing the question's words. */
  static String pick(String sentence, Set<String> terms, Pattern shape) {
    List<int[]> clauses = clauses(sentence);
    if (clauses.isEmpty()) {
      return "";
    }
    int best = 0;
    double bestScore = -1;
    for (int i = 0; i < clauses.size(); i++) {
      String c = sentence.substring(clauses.get(i)[0], clauses.get(i)[1]);
      double score = shape != null && shape.matcher(c).find() ? SHAPE_WEIGHT : 0;
      Set<String> own = Bigrams.of(c);
      for (String t : terms) {
        score += own.contains(t) ? 1 : 0;
      }
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    int from = clauses.get(best)[0];
    int to = clauses.get(best)[1];
    if (to - from < MIN_CLAUSE && best > 0) {
      from = clauses.get(best - 1)[0];
    }
    if (to - from < MIN_CLAUSE && best + 1 < clauses.size()) {
      to = clauses.get(best + 1)[1];
    }
    return clean(sentence.substring(from, to));
  }

  /** Form fields listed in a lead, at most. */
  private static final int MAX_FIELDS = 16;

  /**
   * The fields of a form a passage holds as a Markdown table (姓名、性别、就读学校 …), each once, in
   * order; empty when the passage has no table. Sign-off lines (申请人签名 年 月 日) are not fields.
   */
  static String formFields(String passage) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String line : passage.split("\n")) {
      String t = line.trim();
      if (!t.startsWith("|") || t.matches("[|\\s:-]+")) {
        continue;
      }
      for (String cell : t.split("\\|")) {
        String c = cell.trim();
        if (!c.isEmpty() && c.length() <= 12 && out.size() < MAX_FIELDS) {
          out.add(c);
        }
      }
    }
    return String.join("、", out);
  }

  /** Start and end of each clause, its closing mark included. */
  static List<int[]> clauses(String sentence) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < sentence.length(); i++) {
      if (CLAUSE_ENDS.indexOf(sentence.charAt(i)) >= 0 && !insideBrackets(sentence, i)) {
        if (i + 1 - start > 1) {
          out.add(new int[] {start, i + 1});
        }
        start = i + 1;
      }
    }
    if (sentence.length() - start > 0 && !sentence.substring(start).isBlank()) {
      out.add(new int[] {start, sentence.length()});
    }
    return out;
  }

  /** A comma inside （…） or 《…》 does not end a clause. */
  private static boolean insideBrackets(String s, int at) {
    int depth = 0;
    for (int i = 0; i < at; i++) {
      char c = s.charAt(i);
      if (c == '（' || c == '(' || c == '《') {
        depth++;
      } else if ((c == '）' || c == ')' || c == '》') && depth > 0) {
        depth--;
      }
    }
    return depth > 0;
  }

  /** Without leading numbering and trailing punctuation; a lead is a line, not a list item. */
  static String clean(String clause) {
    // the transcriptions space numbers out (对 28 所结对学校, 85%以上): a lead reads them closed up
    String t = NUMBERING.matcher(clause.trim()).replaceFirst("").replaceAll(SPACED_NUMBER, "");
    while (!t.isEmpty() && CLAUSE_ENDS.indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1);
    }
    return t.trim();
  }
}
