package aidline.student;

/** A query the student feature cannot run as asked (unknown region, stage, school year, no gap to report). */
public class BadStudentQueryException extends RuntimeException {
  public BadStudentQueryException(String message) {
    super(message);
  }
}
