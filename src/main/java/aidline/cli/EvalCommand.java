package aidline.cli;

import aidline.answer.AnswerEngine;
import aidline.answer.Conversations;
import aidline.answer.Evaluation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

  @Override
  public void run() {
    try (var app = parent.application()) {
      run(app);
    }
  }

  private void run(aidline.app.Application app) {
    ObjectMapper json = app.json();
    List<JsonNode> questions = read(json);
    AnswerEngine engine = app.answerKnowledge(kb).engine();
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
    out.println("pass " + report.passed() + "/" + report.results().size() + " wrong-amount " + report.wrongAmounts());
  }

  private static boolean isOfftopic(List<JsonNode> questions, String id) {
    return questions.stream().anyMatch(q -> q.path("id").asText().equals(id) && "offtopic".equals(q.path("kind").asText()));
  }

  private List<JsonNode> read(ObjectMapper json) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
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
