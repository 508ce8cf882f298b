package aidline.cli;

import aidline.config.AppConfig;
import aidline.storage.copy.CopyReport;
import aidline.storage.copy.DatabaseCopy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
      "Copy a SQLite aidline database into PostgreSQL: resumable, idempotent, verified per table. Exit 0 only when every table matches.",
      "把 SQLite 数据库复制到 PostgreSQL：可重复执行、中断后可续，逐表校验行数与校验和；全部一致才返回 0。"
    })
final class DbCopyCommand implements Callable<Integer> {
  @ParentCommand DbCommand db;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "FILE", description = {"The SQLite database (serve must be stopped).", "源 SQLite 数据库文件（须先停止 serve）。"})
  Path from;

  @Option(names = "--to", required = true, paramLabel = "URL", description = {"jdbc:postgresql://HOST:PORT/DB", "目标 PostgreSQL 地址。"})
  String to;

  @Option(names = "--to-user", paramLabel = "USER", description = {"PostgreSQL user (default: AIDLINE_DB_USER).", "PostgreSQL 用户（默认 AIDLINE_DB_USER）。"})
  String user;

  @Option(names = "--password-stdin", description = {"Read the PostgreSQL password from the first line of stdin (default: AIDLINE_DB_PASSWORD).",
      "从标准输入第一行读取密码（默认 AIDLINE_DB_PASSWORD）。"})
  boolean passwordStdin;

  @Option(names = "--batch", defaultValue = "1000", description = {"Rows per transaction (default ${DEFAULT-VALUE}).", "每个事务的行数。"})
  int batch;

  @Override
  public Integer call() {
    if (batch < 1 || batch > 100_000) {
      throw new UserFacingException("--batch 须在 1-100000 之间");
    }
    AppConfig.Storage env = db.parent.loadConfig().storage();
    String password = passwordStdin ? readPassword() : env.password();
    AppConfig.Storage target = new AppConfig.Storage(to.strip(), env.synchronous(), env.busyTimeoutMillis(), 2,
        user != null ? user : env.user(), password);
    if (!target.postgres()) {
      throw new UserFacingException("--to 须是 jdbc:postgresql://主机[:端口]/数据库名");
    }
    PrintWriter err = spec.commandLine().getErr();
    long[] lastShown = {0};
    CopyReport report = new DatabaseCopy(batch, (table, read, total) -> {
      long now = System.nanoTime();
      if (read == total || now - lastShown[0] > 2_000_000_000L) {
        lastShown[0] = now;
        err.printf("复制 %s: %d / %d 行%n", table, read, total);
        err.flush();
      }
    }).copy(from, target);
    PrintWriter out = spec.commandLine().getOut();
    out.print(report.format());
    out.flush();
    return report.verified() ? 0 : 1;
  }

  private static String readPassword() {
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new UserFacingException("--password-stdin：标准输入没有密码");
      }
      return line;
    } catch (IOException e) {
      throw new UserFacingException("--password-stdin：无法读取标准输入");
    }
  }
}
