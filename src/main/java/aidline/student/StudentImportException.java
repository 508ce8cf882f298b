package aidline.student;

/** A file that cannot be imported at all (unreadable, wrong encoding, required column missing); nothing was changed. */
public class StudentImportException extends RuntimeException {
  public StudentImportException(String message) {
    super(message);
  }
}
