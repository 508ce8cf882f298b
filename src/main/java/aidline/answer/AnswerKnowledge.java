package aidline.answer;

import aidline.knowledge.PolicyDocument;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Regions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything the engine reads from a knowledge-base folder: documents, regions, the standards table
 * (validated against the documents) and the vocabulary. A folder without regions.yaml or
 * lexicon.yaml (a foreign knowledge base) borrows ours from {@code home}.
 */
public record AnswerKnowledge(
    DocumentLookup documents, Regions regions, Lexicon lexicon, AidStandards standards, PolicySearcher searcher) {

  public static AnswerKnowledge open(Path dir, Path home) {
    KbFolderDocuments docs = KbFolderDocuments.load(dir);
    Regions regions = Regions.load(pick(dir, home, "regions.yaml"));
    for (PolicyDocument d : docs.all()) {
      boolean named = !d.region().isBlank() && !"全国".equals(d.region()) && !"未知".equals(d.region());
      if (named && regions.byPath(d.region()).isEmpty()) {
        regions.addPath(d.region());
      }
    }
    Lexicon lexicon = Lexicon.load(pick(dir, home, "lexicon.yaml"));
    AidStandards standards = AidStandards.load(dir.resolve("standards.yaml"), docs);
    return new AnswerKnowledge(docs, regions, lexicon, standards, new BigramSearcher(docs.all()));
  }

  private static Path pick(Path dir, Path home, String name) {
    Path own = dir.resolve(name);
    return Files.exists(own) || home == null ? own : home.resolve(name);
  }

  public AnswerEngine engine() {
    return new PolicyAnswerEngine(lexicon, regions, standards, searcher);
  }
}
