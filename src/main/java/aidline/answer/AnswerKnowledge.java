package aidline.answer;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Regions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything the engine reads from a knowledge-base folder: the knowledge base (documents, regions,
 * Lucene search), the standards table validated against its documents, and the vocabulary. A folder
 * without lexicon.yaml (a foreign knowledge base) borrows ours from {@code home}.
 *
 * <p>The engine ranks passages with {@link BigramSearcher} over the knowledge base's own passages:
 * it answers in about 0.1 ms, where a Lucene query took 5–35 ms on the shared 2-core machine, and
 * the latency target is a 5 ms p99 per answer. Any {@link PolicySearcher} can be passed to
 * {@link PolicyAnswerEngine} instead.
 */
public record AnswerKnowledge(
    KnowledgeBase knowledgeBase, DocumentLookup documents, Lexicon lexicon, AidStandards standards, PolicySearcher searcher)
    implements AutoCloseable {

  public static AnswerKnowledge open(Path dir, Path home) {
    KnowledgeBase kb = KnowledgeBase.open(dir);
    try {
      DocumentLookup docs = DocumentLookup.of(kb);
      Lexicon lexicon = Lexicon.load(pick(dir, home, "lexicon.yaml"));
      AidStandards standards = AidStandards.load(dir.resolve("standards.yaml"), docs);
      return new AnswerKnowledge(kb, docs, lexicon, standards, new BigramSearcher(kb.passages()));
    } catch (RuntimeException e) {
      kb.close();
      throw e;
    }
  }

  private static Path pick(Path dir, Path home, String name) {
    Path own = dir.resolve(name);
    return Files.exists(own) || home == null ? own : home.resolve(name);
  }

  public Regions regions() {
    return knowledgeBase.regions();
  }

  public AnswerEngine engine() {
    return new PolicyAnswerEngine(lexicon, regions(), standards, searcher());
  }

  @Override
  public void close() {
    knowledgeBase.close();
  }
}
