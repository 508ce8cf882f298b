package aidline.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt hashes; the cost is configurable so tests can use the minimum. */
public final class PasswordHasher {
  private final int cost;

  public PasswordHasher(int cost) {
    this.cost = cost;
  }

  public String hash(char[] password) {
    return BCrypt.withDefaults().hashToString(cost, password);
  }

  public boolean verify(char[] password, String hash) {
    return BCrypt.verifyer().verify(password, hash.getBytes(StandardCharsets.UTF_8)).verified;
  }

  private volatile String decoy;

  /** A hash to verify against when the user does not exist, so timing does not reveal that. */
  public String decoyHash() {
    String d = decoy;
    if (d == null) {
      d = hash("decoy-password".toCharArray());
      decoy = d;
    }
    return d;
  }
}
