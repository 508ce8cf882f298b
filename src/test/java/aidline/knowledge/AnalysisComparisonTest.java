package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the measured choice honest: on the development questions the default analysis must score
 * at least as well as each alternative. Skipped where the shared question set is not present.
 */
class AnalysisComparisonTest {
  @Test
  void defaultAnalysisIsTheBestOnTheDevQuestions() throws Exception {
    Path file = SearchEvaluation.questionsFile();
    assumeTrue(Files.exists(file), "dev questions not present: " + file);
    List<SearchEvaluation.Question> questions = SearchEvaluation.load(file);
    List<SearchEvaluation.Score> scores = new ArrayList<>();
    for (ChineseAnalysis a : ChineseAnalysis.values()) {
      try (KnowledgeBase kb = KnowledgeBase.open(Path.of("knowledge-base"), a)) {
        scores.add(SearchEvaluation.score(kb, a, questions));
      }
    }
    SearchEvaluation.Score chosen = scores.stream().filter(s -> s.analysis() == ChineseAnalysis.DEFAULT).findFirst().orElseThrow();
    for (SearchEvaluation.Score s : scores) {
      assertTrue(chosen.total() >= s.total(), "default " + chosen + " loses to " + s);
    }
    assertTrue(chosen.regionAt1() == chosen.regionQuestions(), chosen.toString());
  }
}
