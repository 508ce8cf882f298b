package aidline.cli;

import aidline.bench.AnswerScenario;
import aidline.bench.BenchContext;
import aidline.bench.BenchReport;
import aidline.bench.ChatHttpScenario;
import aidline.bench.HttpRatioScenario;
import aidline.bench.PostgresScenario;
import aidline.bench.Result;
import aidline.bench.Scenario;
import aidline.bench.StartupScenario;
import aidline.bench.StudentScenario;
import aidline.bench.TicketScenario;
import aidline.bench.WechatScenario;
import aidline.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {"Measure aidline against its speed and memory targets; prints a table, writes Markdown.",
        "性能基准：对照目标测量各项指标。"})
final class BenchCommand implements Runnable {
  @ParentCommand AidlineCommand parent;

  @Option(names = "--quick", description = {"Short rounds (under a minute) for development and CI.", "快速模式。"})
  boolean quick;

  @Option(names = "--out", description = {"Markdown report file.", "报告文件。"})
  Path out;

  @Option(names = "--work-dir", defaultValue = "target/bench", description = {"Scratch folder; cached data is kept here.", "临时目录。"})
  Path workDir;

  @Option(names = "--only", split = ",", description = {"Run only these scenarios (by name).", "只运行指定场景。"})
  List<String> only;

  @Override
  public void run() {
    AppConfig cfg = parent.loadConfig();
    try {
      Files.createDirectories(workDir);
      BenchContext ctx = new BenchContext(quick, workDir.toAbsolutePath(), cfg, ChildJava.command(), BenchApps.factory());
      List<Result> results = new ArrayList<>();
      for (Scenario s : scenarios()) {
        if (only != null && !only.contains(s.name())) {
          continue;
        }
        System.err.println("bench: " + s.name() + " …");
        try {
          List<Result> r = s.run(ctx);
          results.addAll(r);
          System.out.print(BenchReport.table(r));
        } catch (Exception e) {
          results.add(new Result(s.name(), "error", "failed", null, null, String.valueOf(e)));
          System.out.println(s.name() + ": failed: " + e);
        }
      }
      String cmd = "java -jar target/aidline.jar bench" + (quick ? " --quick" : "") + (out != null ? " --out " + out : "");
      String md = BenchReport.markdown(results, cmd, quick, ZonedDateTime.now(parent.application().clock()));
      if (out != null) {
        Files.writeString(out, md);
        System.out.println("report written to " + out);
      }
    } catch (IOException e) {
      throw new UserFacingException("无法写入基准结果: " + e.getMessage());
    }
  }

  private List<Scenario> scenarios() {
    return List.of(new AnswerScenario(), new HttpRatioScenario(), new ChatHttpScenario(), new WechatScenario(), new TicketScenario(), new StudentScenario(),
        new StartupScenario(), new PostgresScenario());
  }
}
