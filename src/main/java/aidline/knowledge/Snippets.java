package aidline.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/** The snippet of a search hit: the passage window with the most matched characters, runs in 【】. */
final class Snippets {
  private static final String OPEN_MARK = "【";
  private static final String CLOSE_MARK = "】";
  private static final int SNIPPET_CHARS = 120;

  private Snippets() {}

  /**
   * The best window of the passage with the matched runs in 【】. Characters covered by a matching
   * term are marked and adjacent marks merge, so overlapping bigrams give 【寄宿生】 rather than
   * pieces; the window with the most marked characters wins.
   */
  static String of(Analyzer analyzer, String field, Query query, String text) {
    Set<Term> terms = new HashSet<>();
    query.visit(QueryVisitor.termCollector(terms));
    Set<String> wanted = new HashSet<>();
    for (Term t : terms) {
      if (t.field().equals(field)) {
        wanted.add(t.text());
      }
    }
    boolean[] marked = new boolean[text.length()];
    try (TokenStream ts = analyzer.tokenStream(field, ChineseText.normalize(text))) {
      var term = ts.addAttribute(CharTermAttribute.class);
      var offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (wanted.contains(term.toString())) {
          for (int i = offset.startOffset(); i < Math.min(offset.endOffset(), marked.length); i++) {
            marked[i] = true;
          }
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = bestWindow(text, marked, SNIPPET_CHARS);
    int end = Math.min(text.length(), start + SNIPPET_CHARS);
    StringBuilder sb = new StringBuilder(start > 0 ? "…" : "");
    for (int i = start; i < end; i++) {
      boolean m = marked[i];
      if (m && (i == start || !marked[i - 1])) {
        sb.append(OPEN_MARK);
      }
      sb.append(text.charAt(i));
      if (m && (i == end - 1 || !marked[i + 1])) {
        sb.append(CLOSE_MARK);
      }
    }
    return sb.append(end < text.length() ? "…" : "").toString().replace('\n', ' ');
  }


  static int bestWindow(String text, boolean[] marked, int width) {
    if (marked.length <= width) {
      return 0;
    }
    int count = 0;
    for (int i = 0; i < width; i++) {
      count += marked[i] ? 1 : 0;
    }
    int best = count;
    int bestStart = 0;
    for (int s = 1; s + width <= marked.length; s++) {
      count += (marked[s + width - 1] ? 1 : 0) - (marked[s - 1] ? 1 : 0);
      if (count > best) {
        best = count;
        bestStart = s;
      }
    }
    // read from a sentence start when one is close before the window
    for (int i = bestStart; i > 0 && i > bestStart - 40; i--) {
      if ("。；;\n".indexOf(text.charAt(i - 1)) >= 0) {
        return i;
      }
    }
    return bestStart;
  }

}
