package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.cli.AidlineCommand;
import aidline.config.AppConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackupTest {
  @TempDir Path dir;

  static long insert(Database db, long n) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_meta (key, value) VALUES (?, 'x')")) {
        ps.setString(1, "k" + n);
        return (long) ps.executeUpdate();
      }
    });
  }

  static long count(Database db) {
    return db.withConnection(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM app_meta WHERE key LIKE 'k%'")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void backupUnderWritesHoldsEverythingCommittedBeforeItAndRestoresIt() throws Exception {
    Path dbFile = dir.resolve("live.db");
    AppConfig.Storage cfg = new AppConfig.Storage(dbFile.toString(), "FULL", 5000);
    long before;
    try (Database db = Database.open(cfg)) {
      for (int i = 0; i < 200; i++) {
        insert(db, i);
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong n = new AtomicLong(1000);
      Thread writer = new Thread(() -> {
        while (!stop.get()) {
          insert(db, n.incrementAndGet());
        }
      });
      writer.start();
      before = count(db);
      Backup.Report r = Backup.backup(dbFile, dir.resolve("b.db"));
      stop.set(true);
      writer.join();
      assertTrue(r.tables() >= 2);
      assertThrows(StorageException.class, () -> Backup.backup(dbFile, dir.resolve("b.db")), "never overwrites");
    }
    try (Database copy = Database.open(new AppConfig.Storage(dir.resolve("b.db").toString(), "FULL", 5000))) {
      assertTrue(count(copy) >= before, "backup has every row committed before it began");
    }
    Path fresh = dir.resolve("restored/aidline.db");
    Backup.restore(dir.resolve("b.db"), fresh);
    try (Database restored = Database.open(new AppConfig.Storage(fresh.toString(), "FULL", 5000))) {
      assertTrue(count(restored) >= before);
    }
  }

  @Test
  void restoreRefusesWhileTheServerHoldsTheLockAndRejectsNonBackups() throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb"));
    Path dbFile = dir.resolve("data/aidline.db");
    try (Database db = Database.open(new AppConfig.Storage(dbFile.toString(), "FULL", 5000))) {
      insert(db, 1);
    }
    Backup.backup(dbFile, dir.resolve("good.db"));
    Files.writeString(dir.resolve("junk.db"), "not a database at all");
    Map<String, String> env = Map.of("AIDLINE_DB", dbFile.toString(), "AIDLINE_KB_DIR", kb.toString());

    try (InstanceLock serverLock = InstanceLock.tryAcquire(dbFile).orElseThrow()) {
      StringWriter err = new StringWriter();
      CommandLine cl = AidlineCommand.commandLine(env);
      cl.setErr(new PrintWriter(err));
      assertEquals(2, cl.execute("restore", dir.resolve("good.db").toString()));
      assertTrue(err.toString().contains("服务正在运行"), err.toString());
    }
    StringWriter err = new StringWriter();
    CommandLine cl = AidlineCommand.commandLine(env);
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("restore", dir.resolve("junk.db").toString()));
    assertTrue(err.toString().contains("无法读取") || err.toString().contains("损坏") || err.toString().contains("不是"), err.toString());
    assertEquals(0, AidlineCommand.commandLine(env).execute("restore", dir.resolve("good.db").toString()));
  }
}
