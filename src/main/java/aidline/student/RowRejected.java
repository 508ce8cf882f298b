package aidline.student;

/** Raised while checking one row; its Chinese message becomes the row's reason in the report. */
final class RowRejected extends RuntimeException {
  RowRejected(String message) {
    super(message, null, false, false);
  }
}
