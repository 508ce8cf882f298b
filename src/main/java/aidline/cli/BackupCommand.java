package aidline.cli;

import aidline.config.AppConfig;
import aidline.storage.Backup;
import aidline.storage.PostgresBackup;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {"Write a consistent copy of the database, also while the server runs.", "在线备份数据库（服务运行时也可以）。"})
final class BackupCommand implements Runnable {
  @ParentCommand AidlineCommand parent;

  @Parameters(index = "0", paramLabel = "FILE", description = {"The backup file to create.", "要生成的备份文件。"})
  Path file;

  @Override
  public void run() {
    AppConfig cfg = parent.loadConfig();
    if (cfg.storage().postgres()) {
      PostgresBackup.Report r = new PostgresBackup(cfg.storage()).backup(file);
      System.out.println("备份完成: " + r.file() + "（" + r.bytes() + " 字节，" + r.tables() + " 张表，pg_dump 自定义格式，用 aidline restore 恢复）");
      return;
    }
    Backup.Report r = Backup.backup(cfg.storage().dbPath().toAbsolutePath(), file);
    System.out.println("备份完成: " + r.file() + "（" + r.bytes() + " 字节，" + r.tables() + " 张表，完整性检查通过）");
  }
}
