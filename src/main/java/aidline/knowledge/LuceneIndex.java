package aidline.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * The Lucene index of published passages, kept in memory (the corpus is small; a thousand times
 * more documents is still a few hundred MB at most, and the folder is the source of truth, so
 * nothing is lost on restart). Documents are replaced by id, so ingesting the same document twice
 * leaves one copy. Queries are built term by term, never parsed, so user text with Lucene syntax
 * ({@code *:*}, quotes, backslashes) is just text.
 */
public final class LuceneIndex implements PolicySearcher, AutoCloseable {
  /** Longest question text considered; longer text is cut, not rejected. */
  static final int MAX_QUERY_CHARS = 400;

  private static final int MAX_TERMS = 120;
  private static final String OPEN_MARK = "【";
  private static final String CLOSE_MARK = "】";

  private final ChineseAnalysis mode;
  private final Analyzer analyzer = ChineseAnalysis.analyzer();
  private final Directory dir = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private volatile Regions regions;
  private volatile Synonyms synonyms;

  public LuceneIndex(ChineseAnalysis mode, Regions regions, Synonyms synonyms) {
    this.mode = mode;
    this.regions = regions;
    this.synonyms = synonyms;
    try {
      writer = new IndexWriter(dir, new IndexWriterConfig(analyzer));
      writer.commit();
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void regions(Regions r) {
    this.regions = r;
  }

  public void synonyms(Synonyms s) {
    this.synonyms = s;
  }

  /** Replaces every passage of {@code docId} with {@code passages} (none: the document is gone). */
  public void replace(String docId, List<Passage> passages) {
    try {
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < passages.size(); i++) {
        docs.add(toLucene(passages.get(i), i));
      }
      writer.deleteDocuments(new Term("docId", docId));
      if (!docs.isEmpty()) {
        writer.addDocuments(docs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the changes since the last publish visible to searches, all at once. */
  public void publish() {
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int passageCount() {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return s.getIndexReader().numDocs();
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Document toLucene(Passage p, int ordinal) {
    Document d = new Document();
    d.add(new StringField("docId", p.docId(), Field.Store.YES));
    d.add(new StoredField("ordinal", ordinal));
    d.add(new StoredField("title", p.title()));
    d.add(new StoredField("docNumber", nz(p.docNumber())));
    d.add(new StoredField("region", nz(p.region())));
    d.add(new StoredField("section", p.section()));
    d.add(new StoredField("text", p.text()));
    String text = ChineseText.normalize(p.text());
    // title, region and heading words let "岳阳 寄宿生" match a passage whose text names neither
    String context = ChineseText.normalize(p.title() + " " + nz(p.region()) + " " + p.section());
    if (mode.words()) {
      d.add(new TextField(ChineseAnalysis.TEXT_WORDS, text, Field.Store.NO));
      d.add(new TextField(ChineseAnalysis.CONTEXT_WORDS, context, Field.Store.NO));
    }
    if (mode.bigrams()) {
      d.add(new TextField(ChineseAnalysis.TEXT_BIGRAMS, text, Field.Store.NO));
      d.add(new TextField(ChineseAnalysis.CONTEXT_BIGRAMS, context, Field.Store.NO));
    }
    return d;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** The query for a question: its own terms, plus synonym terms at a lower weight. */
  Query query(String question) {
    String q = ChineseText.normalize(question);
    if (q.length() > MAX_QUERY_CHARS) {
      q = q.substring(0, MAX_QUERY_CHARS);
    }
    String expanded = String.join(" ", synonyms.expansions(q));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    if (mode.words()) {
      clauses += add(b, ChineseAnalysis.TEXT_WORDS, q, expanded, 1.0f);
      clauses += add(b, ChineseAnalysis.CONTEXT_WORDS, q, expanded, 0.5f);
    }
    if (mode.bigrams()) {
      clauses += add(b, ChineseAnalysis.TEXT_BIGRAMS, q, expanded, 1.0f);
      clauses += add(b, ChineseAnalysis.CONTEXT_BIGRAMS, q, expanded, 0.5f);
    }
    return clauses == 0 ? null : b.build();
  }

  private int add(BooleanQuery.Builder b, String field, String q, String expanded, float weight) {
    Set<String> own = ChineseAnalysis.terms(analyzer, field, q, MAX_TERMS);
    Set<String> extra = ChineseAnalysis.terms(analyzer, field, expanded, MAX_TERMS);
    extra.removeAll(own);
    int n = 0;
    for (String t : own) {
      b.add(new BoostQuery(new TermQuery(new Term(field, t)), weight), BooleanClause.Occur.SHOULD);
      n++;
    }
    for (String t : extra) {
      b.add(new BoostQuery(new TermQuery(new Term(field, t)), weight * 0.5f), BooleanClause.Occur.SHOULD);
      n++;
    }
    return n;
  }

  /**
   * Passages for the question. With a region (given, or else the one region the question names),
   * passages of documents covering it come first, then documents whose region is unknown, then
   * the rest; within a group the Lucene score decides, a local covering document's score raised by
   * {@link #LOCAL_BOOST} over a national one.
   */
  @Override
  public List<SearchHit> search(String question, Region region, int limit) {
    if (question == null || question.isBlank() || limit <= 0) {
      return List.of();
    }
    Query query = query(question);
    if (query == null) {
      return List.of();
    }
    Region effective = region != null ? region : mentionedRegion(question);
    try {
      IndexSearcher s = searchers.acquire();
      try {
        int n = Math.max(limit * 5, 50);
        ScoreDoc[] docs = s.search(query, n).scoreDocs;
        List<Scored> scored = new ArrayList<>();
        for (ScoreDoc sd : docs) {
          Document d = s.storedFields().document(sd.doc);
          Passage p =
              new Passage(d.get("docId"), d.get("title"), d.get("docNumber"), d.get("region"), d.get("section"), d.get("text"));
          int tier = tier(effective, p.region());
          scored.add(new Scored(p, sd.score * (tier == 0 && local(effective, p.region()) ? LOCAL_BOOST : 1.0), tier));
        }
        scored.sort(Comparator.comparingInt(Scored::tier).thenComparing(Comparator.comparingDouble(Scored::score).reversed()));
        List<SearchHit> out = new ArrayList<>();
        for (Scored sc : scored.subList(0, Math.min(limit, scored.size()))) {
          out.add(new SearchHit(sc.passage(), sc.score(), snippet(query, sc.passage().text())));
        }
        return out;
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Scored(Passage passage, double score, int tier) {}

  /** A covering document written for a place (not 全国) says more about it than a national one. */
  static final double LOCAL_BOOST = 1.25;

  private static boolean local(Region region, String docRegion) {
    return region != null && docRegion != null && !docRegion.isBlank() && !Region.NATIONWIDE.equals(docRegion);
  }

  static int tier(Region region, String docRegion) {
    if (region == null) {
      return 0;
    }
    if (region.isCoveredBy(docRegion)) {
      return 0;
    }
    return Region.UNKNOWN.equals(docRegion) ? 1 : 2;
  }

  private Region mentionedRegion(String question) {
    List<Region> found = regions.findIn(ChineseText.normalize(question));
    return found.size() == 1 ? found.get(0) : null;
  }

  /**
   * The best window of the passage with the matched runs in 【】. Characters covered by a matching
   * term are marked and adjacent marks merge, so overlapping bigrams give 【寄宿生】 rather than
   * pieces; the window with the most marked characters wins.
   */
  String snippet(Query query, String text) {
    String field = mode.bigrams() ? ChineseAnalysis.TEXT_BIGRAMS : ChineseAnalysis.TEXT_WORDS;
    Set<Term> terms = new java.util.HashSet<>();
    query.visit(org.apache.lucene.search.QueryVisitor.termCollector(terms));
    Set<String> wanted = new java.util.HashSet<>();
    for (Term t : terms) {
      if (t.field().equals(field)) {
        wanted.add(t.text());
      }
    }
    boolean[] marked = new boolean[text.length()];
    try (org.apache.lucene.analysis.TokenStream ts = analyzer.tokenStream(field, ChineseText.normalize(text))) {
      var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      var offset = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
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

  private static final int SNIPPET_CHARS = 120;

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

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      dir.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
