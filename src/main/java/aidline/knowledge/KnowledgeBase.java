package aidline.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base of one folder: its published documents, their passages, the region hierarchy
 * and the search index. {@link #reindex()} re-reads the folder and updates only what changed, so
 * it is cheap to call on every file event. Reads see one consistent snapshot.
 */
public final class KnowledgeBase implements PolicySearcher, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

  /** Everything a reader needs, replaced as a whole after each reindex. */
  private record Snapshot(
      Map<String, PolicyDocument> published,
      Map<String, List<Passage>> passages,
      Regions regions,
      Map<Path, KnowledgeFolder.Entry> files) {}

  private final Path dir;
  private final LuceneIndex index;
  private final PassageSplitter splitter = new PassageSplitter();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Regions.empty(), Map.of());
  private final List<Runnable> reindexListeners = new CopyOnWriteArrayList<>();

  private KnowledgeBase(Path dir, ChineseAnalysis analysis, Retrieval retrieval) {
    this.dir = dir;
    this.index = new LuceneIndex(analysis, Regions.empty(), Synonyms.none(), retrieval, dir);
  }

  /** Opens and indexes {@code dir} for BM25 search only, in memory; fails with a Chinese message if the folder does not exist. */
  public static KnowledgeBase open(Path dir) {
    return open(dir, ChineseAnalysis.DEFAULT);
  }

  public static KnowledgeBase open(Path dir, ChineseAnalysis analysis) {
    return open(dir, analysis, Retrieval.lexicalOnly());
  }

  /** Opens and indexes {@code dir} with {@code retrieval}'s vectors and cache folder. */
  public static KnowledgeBase open(Path dir, Retrieval retrieval) {
    return open(dir, ChineseAnalysis.DEFAULT, retrieval);
  }

  public static KnowledgeBase open(Path dir, ChineseAnalysis analysis, Retrieval retrieval) {
    KnowledgeBase kb = new KnowledgeBase(dir, analysis, retrieval);
    ReindexReport r = kb.reindex();
    log.info("knowledge base {}: {}", dir, r.summary());
    r.problems().forEach(p -> log.warn("knowledge base: {}", p));
    return kb;
  }

  public Path dir() {
    return dir;
  }

  /** Published documents, ordered by id. */
  public List<PolicyDocument> documents() {
    return List.copyOf(snapshot.published().values());
  }

  public Optional<PolicyDocument> document(String id) {
    return Optional.ofNullable(snapshot.published().get(id));
  }

  public int documentCount() {
    return snapshot.published().size();
  }

  /** Passages of every published document, in document order. */
  public List<Passage> passages() {
    List<Passage> out = new ArrayList<>();
    snapshot.passages().values().forEach(out::addAll);
    return out;
  }

  public List<Passage> passages(String docId) {
    return snapshot.passages().getOrDefault(docId, List.of());
  }

  /** regions.yaml of the folder, extended with every document's region path. */
  public Regions regions() {
    return snapshot.regions();
  }

  public PolicySearcher searcher() {
    return this;
  }

  @Override
  public List<SearchHit> search(String query, Region region, int limit) {
    return index.search(query, region, limit);
  }

  @Override
  public List<SearchHit> search(String query, String meaning, Region region, int limit) {
    return index.search(query, meaning, region, limit);
  }

  @Override
  public OptionalDouble closeness(String text) {
    return index.closeness(text);
  }

  /** Passages embedded since this knowledge base was opened (0 after a restart with nothing changed). */
  public int embedded() {
    return index.embedded();
  }

  /** How passages are found (lexical, vectors or both) and where the index is cached. */
  public Retrieval retrieval() {
    return index.retrieval();
  }

  /**
   * Runs {@code listener} after every reindex (the folder watcher's or an explicit one), so what is
   * built from the folder (the answer engine) follows it without polling. A failing listener is
   * logged and does not fail the reindex.
   */
  public void onReindex(Runnable listener) {
    reindexListeners.add(listener);
  }

  /**
   * Re-reads the folder: changed files are re-split and replace their document in the index by id,
   * removed or newly drafted documents leave it. Files that cannot be read are reported and the
   * rest still served; a file whose id another file already uses is reported and skipped.
   */
  public synchronized ReindexReport reindex() {
    Snapshot old = snapshot;
    List<String> problems = new ArrayList<>();
    Map<Path, KnowledgeFolder.Entry> files = new LinkedHashMap<>();
    for (Path file : KnowledgeFolder.markdownFiles(dir)) {
      KnowledgeFolder.Entry before = old.files().get(file);
      FileTime modified = modified(file);
      files.put(file, before != null && before.ok() && modified != null && modified.equals(before.modified()) ? before : KnowledgeFolder.read(file));
    }
    Map<String, PolicyDocument> published = new TreeMap<>();
    Map<String, Path> owner = new HashMap<>();
    int drafts = 0;
    // when two files claim one id, the file named <id>.md is the real one
    List<KnowledgeFolder.Entry> ordered = new ArrayList<>(files.values());
    ordered.sort(Comparator.comparing((KnowledgeFolder.Entry e) -> !(e.ok() && e.file().getFileName().toString().equals(e.document().id() + ".md"))));
    for (KnowledgeFolder.Entry e : ordered) {
      if (!e.ok()) {
        problems.add(dir.relativize(e.file()) + ": " + e.error());
        continue;
      }
      PolicyDocument d = e.document();
      Path first = owner.putIfAbsent(d.id(), e.file());
      if (first != null) {
        problems.add(dir.relativize(e.file()) + ": 文档编号 " + d.id() + " 与 " + dir.relativize(first) + " 重复，已跳过");
        continue;
      }
      if (!d.published()) {
        drafts++;
        continue;
      }
      published.put(d.id(), d);
    }
    Synonyms synonyms;
    Regions regions;
    try {
      synonyms = Synonyms.load(dir.resolve(Synonyms.FILE_NAME));
    } catch (KnowledgeException e) {
      problems.add(e.getMessage());
      synonyms = Synonyms.none();
    }
    try {
      regions = Regions.load(dir.resolve("regions.yaml"));
    } catch (KnowledgeException e) {
      problems.add(e.getMessage());
      regions = Regions.empty();
    }
    // drafts' regions too: an asker in such a region is still somewhere the hierarchy should know
    for (KnowledgeFolder.Entry e : files.values()) {
      if (e.ok() && !Region.UNKNOWN.equals(e.document().region())) {
        regions.addPath(e.document().region());
      }
    }
    int added = 0;
    int updated = 0;
    Map<String, List<Passage>> passages = new LinkedHashMap<>();
    List<PolicyDocument> changed = new ArrayList<>();
    for (PolicyDocument d : published.values()) {
      PolicyDocument before = old.published().get(d.id());
      if (d.equals(before)) {
        passages.put(d.id(), old.passages().get(d.id()));
        continue;
      }
      passages.put(d.id(), List.copyOf(splitter.split(d)));
      changed.add(d);
      if (before == null) {
        added++;
      } else {
        updated++;
      }
    }
    // a persisted index from the last run may already hold a changed-looking document as it is now
    List<PolicyDocument> redo = changed.stream().filter(d -> !index.holds(d.id(), passages.get(d.id()))).toList();
    changed.stream().filter(d -> !redo.contains(d)).forEach(d -> index.keep(d.id(), passages.get(d.id())));
    int embeddedBefore = index.embedded();
    // analysis (smartcn) and embedding dominate indexing time; the writer is thread-safe, so use every core
    redo.parallelStream().forEach(d -> index.replace(d.id(), passages.get(d.id())));
    Set<String> gone = new HashSet<>(old.published().keySet());
    gone.addAll(index.heldDocuments());
    gone.removeAll(published.keySet());
    for (String id : gone) {
      index.replace(id, List.of());
    }
    index.synonyms(synonyms);
    index.regions(regions);
    index.publish();
    snapshot = new Snapshot(Collections.unmodifiableMap(published), Collections.unmodifiableMap(passages), regions, files);
    int passageCount = passages.values().stream().mapToInt(List::size).sum();
    for (Runnable l : reindexListeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        log.error("a reindex listener failed: {}", e.getMessage(), e);
      }
    }
    gone.retainAll(old.published().keySet());
    return new ReindexReport(
        published.size(), drafts, added, updated, gone.size(), passageCount, List.copyOf(problems), index.embedded() - embeddedBefore);
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    index.close();
  }
}
