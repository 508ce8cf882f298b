package aidline.cli;

import aidline.answer.Answer;
import aidline.answer.Conversations;
import aidline.app.Application;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answer questions: --jsonl reads {\"id\",\"text\",\"user\"?,\"region\"?} lines from stdin, writes one JSON answer per line.",
      "回答问题：--jsonl 从标准输入逐行读取问题，每行输出一个 JSON 回答。"
    })
final class AskCommand implements Runnable {
  @ParentCommand AidlineCommand parent;

  @Option(names = "--jsonl", description = "JSON lines on stdin, JSON lines on stdout.")
  boolean jsonl;

  @Option(names = "--kb", description = "Answer from this knowledge-base folder instead of the configured one.")
  Path kb;

  @Parameters(arity = "0..*", description = "A question (without --jsonl).")
  String[] words;

  @Override
  public void run() {
    try (var app = parent.application()) {
      run(app);
    }
  }

  private void run(Application app) {
    ObjectMapper json = app.json();
    Conversations conversations = new Conversations(app.answerKnowledge(kb).engine());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (!jsonl) {
      if (words == null || words.length == 0) {
        throw new UserFacingException("请给出问题，或用 --jsonl 从标准输入读取");
      }
      out.println(conversations.ask(null, String.join(" ", words), null).reply());
      return;
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        out.println(json.writeValueAsString(answerLine(json, line, n, conversations)));
      }
    } catch (IOException e) {
      throw new UserFacingException("读取标准输入失败: " + e.getMessage());
    }
  }

  /** One output line; a line that is not a question object gets an error line, and reading goes on. */
  static ObjectNode answerLine(ObjectMapper json, String line, int lineNo, Conversations conversations) {
    JsonNode q;
    try {
      q = json.readTree(line);
    } catch (IOException e) {
      q = null;
    }
    if (q == null || !q.isObject() || !q.path("text").isTextual()) {
      ObjectNode err = json.createObjectNode();
      err.set("id", q != null && q.isObject() ? q.get("id") : null);
      err.put("error", "第 " + lineNo + " 行不是有效的问题（需要 JSON 对象，含 text 字段）");
      return err;
    }
    String user = q.hasNonNull("user") ? q.get("user").asText() : null;
    String region = q.hasNonNull("region") ? q.get("region").asText() : null;
    Answer a = conversations.ask(user, q.get("text").asText(), region);
    ObjectNode node = json.createObjectNode();
    node.set("id", q.get("id"));
    node.setAll((ObjectNode) json.valueToTree(a));
    return node;
  }
}
