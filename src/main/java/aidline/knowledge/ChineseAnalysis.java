package aidline.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How Chinese text is cut into index terms. Measured on the dev questions (see README, "Knowledge
 * base"): {@link #WORDS} is smartcn word segmentation, {@link #BIGRAMS} overlapping CJK bigrams,
 * {@link #BOTH} indexes both and queries both.
 */
public enum ChineseAnalysis {
  WORDS,
  BIGRAMS,
  BOTH;

  /** What the index uses; chosen by the measurement, kept as the one default. */
  public static final ChineseAnalysis DEFAULT = BOTH;

  static final String TEXT_WORDS = "text_w";
  static final String TEXT_BIGRAMS = "text_b";
  static final String CONTEXT_WORDS = "ctx_w";
  static final String CONTEXT_BIGRAMS = "ctx_b";

  public boolean words() {
    return this != BIGRAMS;
  }

  public boolean bigrams() {
    return this != WORDS;
  }

  /** One analyzer for the index writer and the query builder, per field. */
  static Analyzer analyzer() {
    Analyzer words = new SmartChineseAnalyzer();
    Analyzer bigrams = new CJKAnalyzer();
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(),
        Map.of(TEXT_WORDS, words, CONTEXT_WORDS, words, TEXT_BIGRAMS, bigrams, CONTEXT_BIGRAMS, bigrams));
  }

  /** The distinct terms the analyzer makes of {@code text} for {@code field}, at most {@code max}. */
  static Set<String> terms(Analyzer analyzer, String field, String text, int max) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && out.size() < max) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
