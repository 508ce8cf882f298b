package aidline.cli;

import aidline.answer.AidStandard;
import aidline.answer.AnswerKnowledge;
import aidline.answer.StandardSuggestions;
import aidline.knowledge.PolicyDocument;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "standards",
    mixinStandardHelpOptions = true,
    description = {
      "Check standards.yaml against the documents and list it; --suggest DOC lists a document's amount-bearing sentences.",
      "校验并列出资助标准表；--suggest 文件id 列出该文件中含金额的句子，便于补充条目。"
    })
final class KbStandardsCommand implements Runnable {
  @ParentCommand KbCommand parent;

  @Option(names = "--suggest", paramLabel = "DOC", description = "Document id to list amount-bearing sentences of.")
  String suggest;

  @Option(names = "--kb", description = "Knowledge-base folder (default: the configured one).")
  Path kb;

  @Override
  public void run() {
    try (var app = parent.parent.application()) {
      run(app.answerKnowledge(kb));
    }
  }

  private void run(AnswerKnowledge k) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (suggest != null) {
      PolicyDocument doc =
          k.documents().byId(suggest).orElseThrow(() -> new UserFacingException("找不到文件 " + suggest));
      for (StandardSuggestions.Suggestion s : StandardSuggestions.of(doc, k.knowledgeBase().passages(doc.id()), k.standards())) {
        out.println((s.covered() ? "已收录 " : "未收录 ") + s.section() + "：" + s.sentence());
      }
      return;
    }
    for (AidStandard s : k.standards().standards()) {
      out.println(s.id() + "\t" + s.region() + "\t" + s.name() + "\t" + s.amount().toPlainString() + s.unit());
    }
    out.println("资助标准 " + k.standards().standards().size() + " 条，规则 " + k.standards().rules().size() + " 条，引文均已核对。");
  }
}
