package aidline.answer;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.PolicyDocument;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Regions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the engine reads from a knowledge-base folder: the knowledge base (documents, regions,
 * Lucene search), the standards table validated against its documents, and the vocabulary. A folder
 * without lexicon.yaml (a foreign knowledge base) borrows ours from {@code home}.
 *
 * <p>The engine's passages come from the knowledge base's Lucene index, the one {@code /api/search}
 * uses (BM25 and sentence vectors, fused): one retrieval for the bot and the API.
 */
public record AnswerKnowledge(
    KnowledgeBase knowledgeBase, DocumentLookup documents, Lexicon lexicon, AidStandards standards, PolicySearcher searcher)
{

  /** Reads the vocabulary and the standards table of the knowledge base's folder; the caller owns {@code kb}. */
  public static AnswerKnowledge of(KnowledgeBase kb, Path home) {
    Path dir = kb.dir();
    DocumentLookup docs = DocumentLookup.of(kb);
    Lexicon lexicon = Lexicon.load(pick(dir, home, "lexicon.yaml"));
    AidStandards standards = AidStandards.load(dir.resolve("standards.yaml"), docs);
    return new AnswerKnowledge(kb, docs, lexicon, standards, kb);
  }

  private static Path pick(Path dir, Path home, String name) {
    Path own = dir.resolve(name);
    return Files.exists(own) || home == null ? own : home.resolve(name);
  }

  public Regions regions() {
    return knowledgeBase.regions();
  }

  public AnswerEngine engine() {
    return engine(PolicyAnswerEngine.CACHED_ANSWERS);
  }

  /** @param cachedAnswers how many answers to repeated questions the engine remembers (0: none) */
  public AnswerEngine engine(int cachedAnswers) {
    List<String> covered = documents.all().stream().map(PolicyDocument::region).toList();
    return new PolicyAnswerEngine(
        lexicon, regions(), standards, searcher(), covered, DocumentWords.of(knowledgeBase), knowledgeBase.retrieval().onTopic(),
        cachedAnswers);
  }
}
