package aidline.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Database and backup files hold 身份证号 and phone numbers: they are readable by the service's own
 * user only (0600). SQLite gives its -wal and -shm files the mode of the database file, so making
 * the database file first, with this mode, covers them. On a file system without POSIX
 * permissions (Windows) nothing is changed.
 */
final class OwnerOnly {
  private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Creates the file empty with mode 0600 unless it exists; then tightens it and its companions. */
  static void prepare(Path file) {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(MODE));
    } catch (FileAlreadyExistsException exists) {
      // an existing install: tightened below
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    tighten(file);
    tighten(Path.of(file + "-wal"));
    tighten(Path.of(file + "-shm"));
  }

  static void tighten(Path file) {
    try {
      if (Files.exists(file)) {
        Files.setPosixFilePermissions(file, MODE);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system, or not ours to change: leave it
    }
  }
}
