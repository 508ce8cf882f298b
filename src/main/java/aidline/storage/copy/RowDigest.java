package aidline.storage.copy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * An order-free checksum of a table's rows: the sum of a 64-bit hash of each row's canonical text.
 * Equal sums on both engines mean the same rows (up to a 2^-64 chance), whatever order each returns.
 */
final class RowDigest {
  private final MessageDigest sha;
  private long sum;
  private long rows;

  RowDigest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String canonical(List<Object> row) {
    StringBuilder b = new StringBuilder();
    for (Object v : row) {
      b.append(Column.canonical(v)).append('\u001f');
    }
    return b.toString();
  }

  void add(List<Object> row) {
    byte[] h = sha.digest(canonical(row).getBytes(StandardCharsets.UTF_8));
    long x = 0;
    for (int i = 0; i < 8; i++) {
      x = (x << 8) | (h[i] & 0xff);
    }
    sum += x;
    rows++;
  }

  long rows() {
    return rows;
  }

  String hex() {
    return String.format("%016x", sum);
  }
}
