package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aidline.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, low: the database, its WAL and every backup are readable by the owner only. */
class FilePermissionsTest {
  @TempDir Path dir;

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void databaseWalAndBackupAre0600() throws Exception {
    Path file = dir.resolve("a.db");
    try (Database db = Database.open(new AppConfig.Storage(file.toString(), "FULL", 5000))) {
      db.write(c -> c.createStatement().executeUpdate("CREATE TABLE t (x)"));
      assertEquals("rw-------", mode(file));
      assertEquals("rw-------", mode(Path.of(file + "-wal")));
      Backup.backup(file, dir.resolve("b.db"));
      assertEquals("rw-------", mode(dir.resolve("b.db")));
    }
  }

  @Test
  void anExistingWorldReadableDatabaseIsTightenedOnOpen() throws Exception {
    Path file = dir.resolve("old.db");
    try (Database db = Database.open(new AppConfig.Storage(file.toString(), "FULL", 5000))) {
      // created
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (Database db = Database.open(new AppConfig.Storage(file.toString(), "FULL", 5000))) {
      assertEquals("rw-------", mode(file));
    }
  }
}
