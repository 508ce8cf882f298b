package aidline.cli;

import aidline.answer.AnswerEngine;
import aidline.answer.AnswerKnowledge;
import aidline.answer.Conversations;
import aidline.answer.Evaluation;
import aidline.app.Application;
import aidline.knowledge.BgeEmbedder;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.QueryVectorCache;
import aidline.knowledge.Retrieval;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Score the answer engine on a question file (dev-questions.jsonl format); prints failures and `pass P/N wrong-amount W`.",
      "用问题集给问答打分：列出未通过的题目，最后一行为 pass P/N wrong-amount W。"
    })
final class EvalCommand implements Runnable {
  @ParentCommand AidlineCommand parent;

  @Parameters(index = "0", description = "Question file (JSON lines).")
  Path file;

  @Option(names = "--kb", description = "Knowledge-base folder to answer from.")
  Path kb;

  @Option(names = "--rounds", defaultValue = "20", description = "Extra timed rounds for the latency figures (default 20).")
  int rounds;

  @Option(names = "--retrieval", description = "Compare retrievals: hybrid, lexical or vector (default: knowledge.retrieval).")
  String retrieval;

  @Option(names = "--weights", description = "Hybrid fusion weights LEXICAL:VECTOR (default 1:1).")
  String weights;

  @Option(names = "--query-instruction", arity = "1", description = "Prefix questions with BGE's retrieval instruction (default true).")
  Boolean instruction;

  @Override
  public void run() {
    try (var app = parent.application()) {
      run(app);
    }
  }

  private void run(Application app) {
    ObjectMapper json = app.json();
    List<JsonNode> questions = read(json);
    AnswerKnowledge knowledge = app.answerKnowledge(kb, compared(app));
    // scored and timed without the engine's memory of answers: the timed rounds repeat every question
    AnswerEngine engine = knowledge.engine(0);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Evaluation.Report report = Evaluation.run(questions, () -> new Conversations(engine));
    for (Evaluation.Result r : report.results()) {
      if (!r.pass()) {
        out.println("FAIL " + r.id() + ": " + r.why());
        out.println("     " + r.answer().reply().replace("\n", "\n     "));
      }
    }
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < Math.max(0, rounds); i++) {
      Arrays.stream(Evaluation.run(questions, () -> new Conversations(engine)).nanos()).forEach(nanos::add);
    }
    Evaluation.Report timed =
        new Evaluation.Report(List.of(), nanos.isEmpty() ? report.nanos() : nanos.stream().mapToLong(Long::longValue).toArray());
    out.printf("latency per answer (in-process, %d answers): median %.3f ms, p99 %.3f ms%n",
        timed.nanos().length, timed.percentileMillis(0.5), timed.percentileMillis(0.99));
    if (report.withDoc() > 0) {
      out.println("right-document first " + report.docFirst() + "/" + report.withDoc() + " any-citation " + report.docAny() + "/" + report.withDoc());
    }
    long offtopic = report.results().stream().filter(r -> isOfftopic(questions, r.id())).count();
    if (offtopic > 0) {
      long refused = report.results().stream().filter(r -> isOfftopic(questions, r.id()) && r.pass()).count();
      out.println("offtopic refused " + refused + "/" + offtopic);
    }
    retrievalOnly(questions, knowledge.searcher(), knowledge.knowledgeBase().retrieval().onTopic(), out);
    out.println("pass " + report.passed() + "/" + report.results().size() + " wrong-amount " + report.wrongAmounts());
  }

  /**
   * Retrieval alone, without the answer composed from it: the document of the first search hit for
   * each question with {@code expect_doc}, and the closeness (best cosine) of on- and off-topic
   * questions, from which the on-topic threshold is calibrated.
   */
  private static void retrievalOnly(List<JsonNode> questions, PolicySearcher searcher, double threshold, PrintStream out) {
    int withDoc = 0;
    int top1 = 0;
    int top3 = 0;
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    for (JsonNode q : questions) {
      String text = q.path("text").asText();
      var close = searcher.closeness(text);
      if (close.isPresent()) {
        boolean offtopic = "offtopic".equals(q.path("kind").asText());
        (offtopic ? off : on).add(close.getAsDouble());
        if (offtopic != close.getAsDouble() < threshold) {
          out.printf("CLOSENESS %s %.3f (%s, threshold %.2f): %s%n", q.path("id").asText(), close.getAsDouble(), q.path("kind").asText(), threshold, text);
        }
      }
      if (!q.hasNonNull("expect_doc")) {
        continue;
      }
      Set<String> docs = new HashSet<>();
      q.path("allowed_docs").forEach(n -> docs.add(n.asText()));
      docs.add(q.get("expect_doc").asText());
      List<String> hits = searcher.search(text, text, null, 3).stream().map(h -> h.passage().docId()).toList();
      withDoc++;
      top1 += !hits.isEmpty() && docs.contains(hits.get(0)) ? 1 : 0;
      top3 += hits.stream().anyMatch(docs::contains) ? 1 : 0;
      if (hits.isEmpty() || !docs.contains(hits.get(0))) {
        out.println("SEARCH-MISS " + q.path("id").asText() + ": " + hits);
      }
    }
    if (withDoc > 0) {
      out.println("retrieval right-document top-1 " + top1 + "/" + withDoc + " top-3 " + top3 + "/" + withDoc);
    }
    if (!on.isEmpty()) {
      out.printf("closeness on-topic min %.3f median %.3f; off-topic max %s%n",
          on.stream().mapToDouble(Double::doubleValue).min().orElse(0), on.stream().sorted().toList().get(on.size() / 2),
          off.isEmpty() ? "-" : String.format("%.3f", off.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
    }
  }

  /** The retrieval asked for on the command line, or null for the configured one. */
  private Retrieval compared(Application app) {
    if (retrieval == null && weights == null && instruction == null) {
      return null;
    }
    Retrieval r = app.retrieval();
    if (r.embedder() == null || instruction != null) {
      r = new Retrieval(
          new QueryVectorCache(new BgeEmbedder(instruction == null ? Retrieval.QUERY_INSTRUCTION : instruction), QueryVectorCache.DEFAULT_SIZE),
          r.cacheDir(), r.mode(), r.lexicalWeight(), r.vectorWeight(), r.onTopic());
    }
    if (retrieval != null) {
      try {
        r = r.withMode(Retrieval.Mode.valueOf(retrieval.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("--retrieval 须是 hybrid、lexical 或 vector");
      }
    }
    if (weights != null) {
      String[] w = weights.split(":");
      try {
        r = r.withWeights(Double.parseDouble(w[0]), Double.parseDouble(w[1]));
      } catch (RuntimeException e) {
        throw new UserFacingException("--weights 须写成 词项权重:向量权重，例如 1:1");
      }
    }
    return r;
  }

  private static boolean isOfftopic(List<JsonNode> questions, String id) {
    return questions.stream().anyMatch(q -> q.path("id").asText().equals(id) && "offtopic".equals(q.path("kind").asText()));
  }

  private List<JsonNode> read(ObjectMapper json) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserFacingException("问题文件不存在: " + file);
    } catch (IOException e) {
      throw new UserFacingException("无法读取问题文件 " + file + ": " + e.getMessage());
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        JsonNode n = json.readTree(lines.get(i));
        if (!n.isObject() || !n.path("text").isTextual() || !n.path("kind").isTextual()) {
          throw new IOException("缺少 text 或 kind");
        }
        out.add(n);
      } catch (IOException e) {
        throw new UserFacingException("问题文件第 " + (i + 1) + " 行无效: " + e.getMessage());
      }
    }
    return out;
  }
}
