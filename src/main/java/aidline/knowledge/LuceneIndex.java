package aidline.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The one index of published passages, used by the answer engine and {@code /api/search} alike:
 * BM25 fields (smartcn words and CJK bigrams, of the text and of its title, region and headings)
 * and, when an {@link Embedder} is configured, a sentence vector per passage. A query runs both and
 * fuses the two rankings by weighted reciprocal rank ({@link Retrieval}).
 *
 * <p>With a cache folder the index lives on disk (one subfolder per knowledge-base folder) and each
 * document carries the hash of its passages, so a restart re-analyses and re-embeds nothing that did
 * not change; vectors are also kept by content hash in a {@link VectorStore}. When the folder cannot
 * be used (not writable, or another process holds the index) the index is built in memory.
 *
 * <p>Documents are replaced by id, so ingesting the same document twice leaves one copy. Queries are
 * built term by term, never parsed, so user text with Lucene syntax ({@code *:*}, quotes,
 * backslashes) is just text.
 */
public final class LuceneIndex implements PolicySearcher, AutoCloseable {

  /** Longest question text considered; longer text is cut, not rejected. */
  static final int MAX_QUERY_CHARS = 400;
  /** Bumped when what is indexed per passage changes, so persisted indexes are rebuilt. */
  private static final String FORMAT = "2";

  private static final int MAX_TERMS = 120;
  private static final String DOC_ID = "docId";
  private static final String DOC_HASH = "docHash";
  private static final String PID = "pid";
  private static final String REGION = "region_s";
  private static final String VECTOR = "vec";

  private final ChineseAnalysis mode;
  private final Retrieval retrieval;
  private final Embedder embedder;
  private final VectorStore vectors;
  private final Analyzer analyzer = ChineseAnalysis.analyzer();
  private final Directory dir;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  /** The passage behind each indexed pid (docId#ordinal): hits are resolved here, not from stored fields. */
  private final Map<String, Passage> passages = new ConcurrentHashMap<>();
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();
  /** Hash of each document's passages as the index holds them. */
  private final Map<String, String> held = new ConcurrentHashMap<>();
  private final AtomicInteger embedded = new AtomicInteger();
  private volatile Regions regions;
  private volatile Synonyms synonyms;

  public LuceneIndex(ChineseAnalysis mode, Regions regions, Synonyms synonyms) {
    this(mode, regions, synonyms, Retrieval.lexicalOnly(), null);
  }

  /**
   * @param folder the knowledge-base folder indexed: with a cache folder, its index is kept in a
   *     subfolder named by the hash of this path (so {@code ask --kb DIR} has its own)
   */
  public LuceneIndex(ChineseAnalysis mode, Regions regions, Synonyms synonyms, Retrieval retrieval, Path folder) {
    this.mode = mode;
    this.regions = regions;
    this.synonyms = synonyms;
    this.retrieval = retrieval;
    this.embedder = retrieval.embedder();
    Path cache = retrieval.cacheDir();
    IndexFolder.Opened opened = IndexFolder.open(cache, folder, mode, analyzer);
    this.dir = opened.dir();
    this.writer = opened.writer();
    try {
      writer.commit();
      searchers = new SearcherManager(writer, null);
      readHeld();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.vectors = embedder == null ? null : VectorStore.open(IndexFolder.writable(cache), embedder.id(), embedder.dimensions());
  }

  /** The document hashes of a persisted index, read once at start. */
  private void readHeld() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      var reader = s.getIndexReader();
      var live = MultiBits.getLiveDocs(reader);
      for (int i = 0; i < reader.maxDoc(); i++) {
        if (live == null || live.get(i)) {
          Document doc = s.storedFields().document(i, Set.of(DOC_ID, DOC_HASH));
          if (doc.get(DOC_HASH) != null) {
            held.put(doc.get(DOC_ID), doc.get(DOC_HASH));
          }
        }
      }
    } finally {
      searchers.release(s);
    }
  }

  public void regions(Regions r) {
    this.regions = r;
  }

  public void synonyms(Synonyms s) {
    this.synonyms = s;
  }

  public Retrieval retrieval() {
    return retrieval;
  }

  /** Passages embedded (not found in the vector cache) since this index was opened. */
  public int embedded() {
    return embedded.get();
  }

  /** Documents the index holds, including those a persisted index brought from the last run. */
  public Set<String> heldDocuments() {
    return Set.copyOf(held.keySet());
  }

  /** The hash that identifies a document's passages as indexed (text, metadata, analysis, model). */
  public String hashOf(List<Passage> ps) {
    StringBuilder sb = new StringBuilder(FORMAT).append('|').append(mode).append('|').append(embedder == null ? "-" : embedder.id());
    for (Passage p : ps) {
      sb.append('\u0001').append(p.docId()).append('\u0002').append(p.title()).append('\u0002').append(nz(p.docNumber()))
          .append('\u0002').append(nz(p.region())).append('\u0002').append(p.section()).append('\u0002').append(p.text());
    }
    return VectorStore.hash(sb.toString());
  }

  /** True when the index already holds exactly these passages for {@code docId} (nothing to redo). */
  public boolean holds(String docId, List<Passage> ps) {
    return hashOf(ps).equals(held.get(docId));
  }

  /** Takes {@code ps} as what the index holds for {@code docId}, without touching the index. */
  public void keep(String docId, List<Passage> ps) {
    forget(docId);
    for (int i = 0; i < ps.size(); i++) {
      passages.put(docId + "#" + i, ps.get(i));
    }
    counts.put(docId, ps.size());
  }

  private void forget(String docId) {
    Integer n = counts.remove(docId);
    for (int i = 0; n != null && i < n; i++) {
      passages.remove(docId + "#" + i);
    }
  }

  /** Replaces every passage of {@code docId} with {@code passages} (none: the document is gone). */
  public void replace(String docId, List<Passage> ps) {
    try {
      String hash = hashOf(ps);
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < ps.size(); i++) {
        docs.add(toLucene(ps.get(i), i, hash));
      }
      writer.deleteDocuments(new Term(DOC_ID, docId));
      if (!docs.isEmpty()) {
        writer.addDocuments(docs);
        held.put(docId, hash);
      } else {
        held.remove(docId);
      }
      keep(docId, ps);
      if (ps.isEmpty()) {
        counts.remove(docId);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the changes since the last publish visible to searches, all at once, and saves new vectors. */
  public void publish() {
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (vectors != null) {
      vectors.save();
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

  /** What the model reads of a passage: the title and headings say what the text is about. */
  static String embeddingText(Passage p) {
    return p.title() + " " + p.section() + "\n" + p.text();
  }

  private float[] vector(Passage p) {
    String text = embeddingText(p);
    String key = VectorStore.hash(embedder.id() + "\n" + text);
    float[] v = vectors.get(key);
    if (v == null) {
      v = embedder.passage(text);
      vectors.put(key, v);
      embedded.incrementAndGet();
    }
    return v;
  }

  private Document toLucene(Passage p, int ordinal, String hash) {
    Document d = new Document();
    String pid = p.docId() + "#" + ordinal;
    d.add(new StringField(DOC_ID, p.docId(), Field.Store.YES));
    d.add(new StoredField(DOC_HASH, hash));
    d.add(new BinaryDocValuesField(PID, new BytesRef(pid)));
    d.add(new StringField(REGION, nz(p.region()), Field.Store.NO));
    d.add(new StoredField("title", p.title()));
    d.add(new StoredField("section", p.section()));
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
    if (embedder != null) {
      d.add(new KnnFloatVectorField(VECTOR, vector(p), VectorSimilarityFunction.DOT_PRODUCT));
    }
    return d;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** The query for a question: its own terms, plus synonym terms at a lower weight. */
  Query query(String question) {
    String q = cut(ChineseText.normalize(question));
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

  private static String cut(String q) {
    return q.length() > MAX_QUERY_CHARS ? q.substring(0, MAX_QUERY_CHARS) : q;
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

  @Override
  public List<SearchHit> search(String question, Region region, int limit) {
    return search(question, question, region, limit, true);
  }

  @Override
  public List<SearchHit> search(String query, String meaning, Region region, int limit) {
    return search(query, meaning, region, limit, false);
  }

  /**
   * Passages for the question: {@code query} is matched by BM25, {@code meaning} (the question as
   * asked, without added synonyms) by its sentence vector. With a region (given, or else the one
   * region the question names), passages of documents covering it and of documents whose region is
   * unknown (score lowered by {@link #UNSTATED_FACTOR}) come first, then the rest; within a group the
   * fused score decides, a local covering document's score raised by {@link #LOCAL_BOOST} over a
   * national one. The covering documents are
   * searched on their own first: in a large corpus the same text may exist for many places.
   */
  public List<SearchHit> search(String query, String meaning, Region region, int limit, boolean snippets) {
    if (query == null || query.isBlank() || limit <= 0) {
      return List.of();
    }
    Query lexical = retrieval.lexical() ? query(query) : null;
    float[] vector = retrieval.vectors() ? queryVector(meaning) : null;
    if (lexical == null && vector == null) {
      return List.of();
    }
    Region effective = region != null ? region : mentionedRegion(query);
    try {
      IndexSearcher s = searchers.acquire();
      try {
        int n = Math.max(limit * 5, 50);
        Map<String, Scored> found = new LinkedHashMap<>();
        if (effective != null) {
          collect(s, lexical, vector, covering(effective), n, effective, found);
        }
        if (found.size() < limit || effective == null) {
          collect(s, lexical, vector, null, n, effective, found);
        }
        List<Scored> scored = new ArrayList<>(found.values());
        scored.sort(Comparator.comparingInt(Scored::tier).thenComparing(Comparator.comparingDouble(Scored::score).reversed()));
        List<SearchHit> out = new ArrayList<>();
        for (Scored sc : scored.subList(0, Math.min(limit, scored.size()))) {
          String snippet = snippets && lexical != null ? snippet(lexical, sc.passage().text()) : "";
          out.add(new SearchHit(sc.passage(), sc.score(), snippet, sc.similarity()));
        }
        return out;
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The question's vector, or null when it has nothing to embed (the zero vector matches nothing). */
  private float[] queryVector(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    float[] v = embedder.query(cut(text));
    for (float x : v) {
      if (x != 0) {
        return v;
      }
    }
    return null;
  }

  private record Scored(Passage passage, double score, int tier, double similarity) {}

  /** One pass (within {@code filter}, or everywhere): both rankings fused into {@code into}. */
  private void collect(IndexSearcher s, Query lexical, float[] vector, Query filter, int n, Region region, Map<String, Scored> into)
      throws IOException {
    Map<String, double[]> fused = new LinkedHashMap<>(); // pid → {score, similarity}
    boolean hybrid = lexical != null && vector != null;
    if (lexical != null) {
      Query q = filter == null ? lexical
          : new BooleanQuery.Builder().add(lexical, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
      ScoreDoc[] docs = s.search(q, n).scoreDocs;
      for (int r = 0; r < docs.length; r++) {
        String pid = pid(s, docs[r].doc);
        double score = hybrid ? retrieval.lexicalWeight() / (Retrieval.RRF_K + r + 1) : docs[r].score;
        fused.computeIfAbsent(pid, k -> new double[] {0, Double.NaN})[0] += score;
      }
    }
    if (vector != null) {
      ScoreDoc[] docs = s.search(new KnnFloatVectorQuery(VECTOR, vector, n, filter), n).scoreDocs;
      for (int r = 0; r < docs.length; r++) {
        String pid = pid(s, docs[r].doc);
        double cosine = 2 * docs[r].score - 1; // DOT_PRODUCT scores are (1 + cos) / 2
        double[] f = fused.computeIfAbsent(pid, k -> new double[] {0, Double.NaN});
        f[0] += hybrid ? retrieval.vectorWeight() / (Retrieval.RRF_K + r + 1) : cosine;
        f[1] = cosine;
      }
    }
    for (Map.Entry<String, double[]> e : fused.entrySet()) {
      Passage p = e.getKey() == null ? null : passages.get(e.getKey());
      if (p == null || into.containsKey(e.getKey())) {
        continue;
      }
      int tier = tier(region, p.region());
      double factor = tier == 0 && local(region, p.region()) ? LOCAL_BOOST : tier == 1 ? UNSTATED_FACTOR : 1.0;
      // a document that does not say where it applies competes with the region's own on a lower
      // score (a school's 公示一周 procedure answers 白城's 公示多久 better than 白城's preamble)
      into.put(e.getKey(), new Scored(p, e.getValue()[0] * factor, tier == 1 ? 0 : tier, e.getValue()[1]));
    }
  }

  /** Documents for the region, its parents, 全国, or no stated region. */
  private static Query covering(Region region) {
    List<BytesRef> terms = new ArrayList<>();
    for (String r : region.lineage()) {
      terms.add(new BytesRef(r));
    }
    for (String r : List.of(Region.NATIONWIDE, Region.UNKNOWN, "")) {
      terms.add(new BytesRef(r));
    }
    return new TermInSetQuery(REGION, terms);
  }

  private static String pid(IndexSearcher s, int doc) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues values = DocValues.getBinary(leaf.reader(), PID);
    return values.advanceExact(doc - leaf.docBase) ? values.binaryValue().utf8ToString() : null;
  }

  /**
   * The cosine similarity of the passage closest in meaning to {@code text}, over the whole
   * knowledge base: how much the documents are about what the message asks. Empty without vectors.
   */
  @Override
  public OptionalDouble closeness(String text) {
    float[] vector = embedder == null ? null : queryVector(text);
    if (vector == null) {
      return OptionalDouble.empty();
    }
    try {
      IndexSearcher s = searchers.acquire();
      try {
        ScoreDoc[] docs = s.search(new KnnFloatVectorQuery(VECTOR, vector, 1), 1).scoreDocs;
        return docs.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(2 * docs[0].score - 1);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A covering document written for a place (not 全国) says more about it than a national one. */
  static final double LOCAL_BOOST = 1.25;
  /** Score factor of a document whose region is unknown, ranked among the covering ones. */
  static final double UNSTATED_FACTOR = 0.6;

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

  String snippet(Query query, String text) {
    return Snippets.of(analyzer, mode.bigrams() ? ChineseAnalysis.TEXT_BIGRAMS : ChineseAnalysis.TEXT_WORDS, query, text);
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
