package aidline.cli;

import aidline.app.Application;
import aidline.bench.StudentBench;
import aidline.student.ImportReport;
import aidline.student.StudentImportException;
import aidline.student.StudentImporter;
import aidline.student.StudentRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "students",
    mixinStandardHelpOptions = true,
    description = {"Students and their aid: import rolls and aid lists, benchmark.", "学生名单与资助记录：导入、性能测试。"},
    subcommands = {StudentsCommand.Import.class, StudentsCommand.Bench.class})
final class StudentsCommand implements Runnable {
  @ParentCommand AidlineCommand parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import a school roll (or, with --aid, an aid list) from CSV; re-importing updates by 身份证号.",
        "导入学生名单（加 --aid 导入资助记录）。Exit code 0: all rows imported; 3: some rows rejected (listed)."
      })
  static final class Import implements Callable<Integer> {
    @ParentCommand StudentsCommand students;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "CSV file with a header row (Chinese headers, see README)")
    Path file;

    @Option(names = "--encoding", defaultValue = "UTF-8", description = "UTF-8 (default) or GBK (Excel's Chinese CSV)")
    String encoding;

    @Option(names = "--aid", description = "the file is an aid list (身份证号, 学年, 学期, 资助项目, 金额, 状态 …)")
    boolean aid;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
      Charset charset = charset(encoding);
      long size;
      try {
        size = Files.size(file);
      } catch (NoSuchFileException e) {
        throw new UserFacingException("文件不存在: " + file);
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (Application app = students.parent.application(); InputStream in = Files.newInputStream(file)) {
        ProgressBar bar = new ProgressBar(err, aid ? "导入资助记录" : "导入学生名单");
        ImportReport report;
        try {
          report = app.students().importer().importFile(
              aid ? StudentImporter.Kind.AID : StudentImporter.Kind.STUDENTS, in, charset, size, bar);
        } catch (StudentImportException e) {
          throw new UserFacingException("无法导入 " + file + "：" + e.getMessage());
        } finally {
          bar.finish();
        }
        if (json) {
          out.println(app.json().writeValueAsString(report));
        } else {
          out.printf("%s：共 %d 行，导入 %d 行，拒绝 %d 行%n", file.getFileName(), report.rows(), report.imported(),
              report.rejectedCount());
          for (ImportReport.Rejected r : report.rejected()) {
            out.printf("第%d行：%s%n", r.line(), r.reason());
          }
          if (report.rejectedCount() > report.rejected().size()) {
            out.printf("……另有 %d 行被拒绝，未逐行列出%n", report.rejectedCount() - report.rejected().size());
          }
        }
        out.flush();
        return report.rejectedCount() == 0 ? 0 : 3;
      }
    }

    private static Charset charset(String name) {
      try {
        return StudentRoutes.charset(name);
      } catch (StudentImportException e) {
        throw new UserFacingException(e.getMessage());
      }
    }
  }

  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description = {
        "Import rate and lookup latency on N synthetic students (data cached in --dir between runs).",
        "性能测试：导入速度与查询延迟。"
      })
  static final class Bench implements Callable<Integer> {
    @ParentCommand StudentsCommand students;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--students", defaultValue = "1000000", description = "how many students (default ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--lookups", defaultValue = "20000", description = "lookups measured each way (default ${DEFAULT-VALUE})")
    int lookups;

    @Option(names = "--dir", defaultValue = "bench-data", description = "where generated CSV and database are kept")
    Path dir;

    @Override
    public Integer call() throws IOException {
      try (Application app = students.parent.application()) {
        StudentBench.Result r = new StudentBench(app.knowledge().regions(), app.students().rules(), app.clock()).run(n, lookups, dir, new PrintStream(System.err, true, "UTF-8"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(app.json().writeValueAsString(r));
        out.printf("%s, %d cores (load average %.1f): %,d students; import %,d rows/s (%.1f s wall, %.1f s CPU)%s;"
                + " lookup p50 %.3f ms, p99 %.3f ms in-process; p50 %.3f ms, p99 %.3f ms over HTTP (%d lookups)%n",
            LocalDate.now(app.clock()), Runtime.getRuntime().availableProcessors(), r.loadAverage(), r.students(),
            r.importRowsPerSecond(), r.importSeconds(), r.importCpuSeconds(),
            r.reusedDatabase() ? " (measured when the cached database was built)" : "", r.inProcessP50Millis(),
            r.inProcessP99Millis(), r.httpP50Millis(), r.httpP99Millis(), r.lookups());
        out.flush();
        return 0;
      }
    }
  }
}
