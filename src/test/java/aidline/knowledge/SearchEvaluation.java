package aidline.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores search on the development questions ({@code ../shared/eval/dev-questions.jsonl}, or
 * {@code AIDLINE_DEV_QUESTIONS}): does the top hit come from a document covering the expected
 * region, and does one of the top three passages hold the expected amount or words. Also measures
 * in-process search latency. Run {@link #main} to print the table written in README.
 */
public final class SearchEvaluation {
  public record Question(String id, String text, String region, String expectRegion, List<String> evidence) {}

  public record Score(
      ChineseAnalysis analysis, int regionQuestions, int regionAt1, int evidenceQuestions, int evidenceAt1, int evidenceAt3, List<String> misses) {
    /** Sum of the three rates; the analysis with the highest total wins. */
    public double total() {
      double e = Math.max(1, evidenceQuestions);
      return (double) regionAt1 / Math.max(1, regionQuestions) + evidenceAt1 / e + evidenceAt3 / e;
    }

    @Override
    public String toString() {
      return String.format(
          "%-8s region@1 %d/%d  evidence@1 %d/%d  evidence@3 %d/%d  missed@3 %s",
          analysis, regionAt1, regionQuestions, evidenceAt1, evidenceQuestions, evidenceAt3, evidenceQuestions, misses);
    }
  }

  private SearchEvaluation() {}

  public static Path questionsFile() {
    String env = System.getenv("AIDLINE_DEV_QUESTIONS");
    return Path.of(env != null && !env.isBlank() ? env : "../shared/eval/dev-questions.jsonl");
  }

  /** Questions that search can be judged on: those expecting a region or some evidence. */
  public static List<Question> load(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Question> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      List<String> evidence = new ArrayList<>();
      n.path("expect_amounts").forEach(a -> evidence.add(a.asText()));
      n.path("expect_any").forEach(a -> evidence.add(a.asText()));
      n.path("expect_all").forEach(a -> evidence.add(a.asText()));
      if (n.has("user")) {
        continue; // a turn of a conversation means what the earlier turns set up, not its own words
      }
      String expectRegion = n.path("expect_region").asText(null);
      if (expectRegion == null && evidence.isEmpty()) {
        continue;
      }
      out.add(new Question(n.path("id").asText(), n.path("text").asText(), n.path("region").asText(null), expectRegion, evidence));
    }
    return out;
  }

  public static Score score(KnowledgeBase kb, ChineseAnalysis analysis, List<Question> questions) {
    Regions regions = kb.regions();
    int rq = 0;
    int r1 = 0;
    int eq = 0;
    int e1 = 0;
    int e3 = 0;
    List<String> misses = new ArrayList<>();
    for (Question q : questions) {
      Region asker = q.region() == null ? null : regions.resolve(q.region()).orElse(null);
      List<SearchHit> hits = kb.search(q.text(), asker, 3);
      if (q.expectRegion() != null) {
        rq++;
        Region expected = regions.resolve(q.expectRegion()).orElseThrow();
        if (!hits.isEmpty() && !Region.UNKNOWN.equals(hits.get(0).passage().region()) && expected.isCoveredBy(hits.get(0).passage().region())) {
          r1++;
        }
      }
      if (!q.evidence().isEmpty()) {
        eq++;
        boolean found = hits.stream().anyMatch(h -> holds(h, q));
        if (found) {
          e3++;
        } else {
          misses.add(q.id());
        }
        if (!hits.isEmpty() && holds(hits.get(0), q)) {
          e1++;
        }
      }
    }
    return new Score(analysis, rq, r1, eq, e1, e3, misses);
  }

  private static boolean holds(SearchHit h, Question q) {
    return q.evidence().stream().anyMatch(w -> h.passage().text().contains(w));
  }

  /** Median and 99th percentile of one search, in milliseconds, over {@code rounds} passes. */
  public static double[] latency(KnowledgeBase kb, List<Question> questions, int rounds) {
    for (int i = 0; i < 20; i++) {
      questions.forEach(q -> kb.search(q.text(), null, 5));
    }
    List<Double> ms = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      for (Question q : questions) {
        long t = System.nanoTime();
        kb.search(q.text(), null, 5);
        ms.add((System.nanoTime() - t) / 1e6);
      }
    }
    double[] a = ms.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return new double[] {a[a.length / 2], a[(int) Math.ceil(a.length * 0.99) - 1], a.length};
  }

  public static void main(String[] args) throws IOException {
    Path kbDir = Path.of(args.length > 0 ? args[0] : "knowledge-base");
    List<Question> questions = load(questionsFile());
    for (ChineseAnalysis a : ChineseAnalysis.values()) {
      try (KnowledgeBase kb = KnowledgeBase.open(kbDir, a)) {
        System.out.println(score(kb, a, questions));
        double[] l = latency(kb, questions, 50);
        System.out.printf("         latency median %.2f ms, p99 %.2f ms over %d searches%n", l[0], l[1], (int) l[2]);
      }
    }
    Path bare = Files.createTempDirectory("kb-no-synonyms");
    try (var files = Files.list(kbDir)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().equals(Synonyms.FILE_NAME)).toList()) {
        Files.copy(f, bare.resolve(f.getFileName()));
      }
    }
    try (KnowledgeBase kb = KnowledgeBase.open(bare, ChineseAnalysis.DEFAULT)) {
      System.out.println("without synonyms: " + score(kb, ChineseAnalysis.DEFAULT, questions));
    }
  }
}
