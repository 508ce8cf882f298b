package aidline.cli;

import aidline.storage.Database;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = {"Schema migrations of the configured database (SQLite or PostgreSQL).", "数据库结构迁移（SQLite 或 PostgreSQL）。"},
    subcommands = {DbCommand.Migrate.class, DbCommand.Status.class, DbCopyCommand.class})
final class DbCommand {
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  @ParentCommand AidlineCommand parent;

  Database open(boolean migrate) {
    return Database.open(parent.loadConfig().storage(), migrate);
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true, description = {"Apply the pending migrations.", "执行尚未执行的迁移。"})
  static final class Migrate implements Runnable {
    @ParentCommand DbCommand db;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      try (Database d = db.open(false)) {
        int applied = d.migrate();
        PrintWriter out = spec.commandLine().getOut();
        out.println(d.dialect().engine() + " " + d.name() + "：执行了 " + applied + " 个迁移，当前版本 "
            + d.flyway().info().current().getVersion());
        out.flush();
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = {"List every migration: version, description, state, installed at.", "列出每个迁移：版本、说明、状态、执行时间。"})
  static final class Status implements Runnable {
    @ParentCommand DbCommand db;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      try (Database d = db.open(false)) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(d.dialect().engine() + " " + d.name());
        out.printf("%-8s %-32s %-10s %s%n", "version", "description", "state", "installed at");
        int pending = 0;
        for (MigrationInfo m : d.flyway().info().all()) {
          String version = m.getVersion() == null ? "" : m.getVersion().getVersion();
          String at = m.getInstalledOn() == null ? "" : AT.format(m.getInstalledOn().toInstant());
          out.printf("%-8s %-32s %-10s %s%n", version, m.getDescription(), m.getState().getDisplayName(), at);
          if (!m.getState().isApplied()) {
            pending++;
          }
        }
        out.println(pending == 0 ? "全部迁移已执行" : pending + " 个迁移尚未执行（aidline db migrate 或 serve 启动时执行）");
        out.flush();
      }
    }
  }
}
