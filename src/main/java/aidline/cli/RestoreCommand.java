package aidline.cli;

import aidline.config.AppConfig;
import aidline.storage.Backup;
import aidline.storage.InstanceLock;
import aidline.storage.PostgresBackup;
import aidline.storage.PostgresDialect;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {"Replace the database with a backup; refused while the server runs.", "用备份替换数据库（服务运行时拒绝执行）。"})
final class RestoreCommand implements Runnable {
  @ParentCommand AidlineCommand parent;

  @Parameters(index = "0", paramLabel = "FILE", description = {"A file made by 'aidline backup'.", "由 backup 生成的备份文件。"})
  Path file;

  @Override
  public void run() {
    AppConfig cfg = parent.loadConfig();
    if (cfg.storage().postgres()) {
      PostgresBackup.Report r = new PostgresBackup(cfg.storage()).restore(file);
      System.out.println("恢复完成: " + PostgresDialect.safeUrl(cfg.storage().db()) + "（" + r.tables() + " 张表，来自 " + r.file() + "）");
      return;
    }
    Path db = cfg.storage().dbPath().toAbsolutePath();
    try (InstanceLock lock = InstanceLock.tryAcquire(db)
        .orElseThrow(() -> new UserFacingException("服务正在运行（" + InstanceLock.lockFile(db) + " 已被锁定），请先停止服务再恢复"))) {
      Backup.Report r = Backup.restore(file, db);
      System.out.println("恢复完成: " + db + "（" + r.tables() + " 张表，完整性检查通过）");
    }
  }
}
