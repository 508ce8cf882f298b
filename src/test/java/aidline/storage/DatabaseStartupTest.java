package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseStartupTest {
  @TempDir Path dir;

  AppConfig.Storage cfg(Path f) {
    return new AppConfig.Storage(f.toString(), "FULL", 1000);
  }

  @Test
  void garbageFileIsRefusedWithAClearMessageAndLeftUntouched() throws Exception {
    Path f = dir.resolve("bad.db");
    byte[] junk = "this is not a database, just text pretending to be one ".repeat(200).getBytes();
    Files.write(f, junk);
    StorageException e = assertThrows(StorageException.class, () -> Database.open(cfg(f)));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(java.util.Arrays.equals(junk, Files.readAllBytes(f)), "never silently rewritten");
  }

  @Test
  void databaseFromANewerVersionIsRefused() {
    Path f = dir.resolve("newer.db");
    try (Database db = Database.open(cfg(f))) {
      db.inTransaction(c -> {
        try (Statement st = c.createStatement()) {
          return st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, execution_time, success) VALUES (999, '999', 'future', 'SQL', 'V999__future.sql', 0, 'x', 0, 1)");
        }
      });
    }
    StorageException e = assertThrows(StorageException.class, () -> Database.open(cfg(f)));
    assertTrue(e.getMessage().contains("比本程序新"), e.getMessage());
  }

  @Test
  void everyPooledConnectionWaitsLongerBeforeACommitCheckpoints() {
    try (Database db = Database.open(cfg(dir.resolve("wal.db")))) {
      for (int i = 0; i < 3; i++) {
        // read and written connections alike: any of them may make the commit that crosses the mark
        int pages = db.withConnection(c -> {
          try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_autocheckpoint")) {
            rs.next();
            return rs.getInt(1);
          }
        });
        assertEquals(SqliteDialect.WAL_AUTOCHECKPOINT_PAGES, pages);
      }
    }
  }
}
