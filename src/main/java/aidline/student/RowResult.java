package aidline.student;

/** One data row of an import: a valid value, or the reason it is rejected. */
record RowResult<T>(int line, T value, String reason) {
  static <T> RowResult<T> ok(int line, T value) {
    return new RowResult<>(line, value, null);
  }

  static <T> RowResult<T> rejected(int line, String reason) {
    return new RowResult<>(line, null, reason);
  }

  boolean ok() {
    return reason == null;
  }
}
