package aidline.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * bcrypt over a fixed-length pre-hash: bcrypt reads at most 72 bytes (25 Chinese characters), so
 * the password's SHA-256, Base64-encoded (44 bytes), is what bcrypt sees. Such hashes carry the
 * {@link #PREFIX}; hashes from before it (plain bcrypt) still verify and are rehashed at the next
 * successful login. The cost is configurable so tests can use the minimum.
 */
public final class PasswordHasher {
  static final String PREFIX = "$sha256$";

  private final int cost;
  private volatile String decoy;

  public PasswordHasher(int cost) {
    this.cost = cost;
  }

  public String hash(char[] password) {
    byte[] pre = preHash(password);
    try {
      return PREFIX + BCrypt.withDefaults().hashToString(cost, new String(pre, StandardCharsets.US_ASCII).toCharArray());
    } finally {
      Arrays.fill(pre, (byte) 0);
    }
  }

  public boolean verify(char[] password, String hash) {
    if (hash == null) {
      return false;
    }
    if (hash.startsWith(PREFIX)) {
      byte[] pre = preHash(password);
      try {
        return BCrypt.verifyer().verify(pre, hash.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8)).verified;
      } finally {
        Arrays.fill(pre, (byte) 0);
      }
    }
    byte[] raw = utf8(password);
    try {
      // a legacy hash can only match a password bcrypt could take whole
      return raw.length <= 72 && BCrypt.verifyer().verify(raw, hash.getBytes(StandardCharsets.UTF_8)).verified;
    } catch (IllegalArgumentException malformed) {
      return false;
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A hash made before the pre-hash (or with a lower cost) is replaced at the next successful login. */
  public boolean needsRehash(String hash) {
    return hash == null || !hash.startsWith(PREFIX);
  }

  /** A hash to verify against when the user does not exist, so timing does not reveal that. */
  public String decoyHash() {
    String d = decoy;
    if (d == null) {
      d = hash("decoy-password".toCharArray());
      decoy = d;
    }
    return d;
  }

  private static byte[] preHash(char[] password) {
    byte[] raw = utf8(password);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return Base64.getEncoder().encode(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password == null ? new char[0] : password));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
