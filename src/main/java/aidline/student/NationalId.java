package aidline.student;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A valid 18-digit resident ID number (居民身份证号码, GB 11643-1999): 6-digit region code, birth date
 * yyyyMMdd, 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X).
 * Pure and shared: tickets and students both validate IDs with {@link #parse}.
 */
public record NationalId(String value, String regionCode, LocalDate birthDate, boolean male) {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  /**
   * Parses an ID; spaces are ignored and a lower-case x accepted. Empty when the length, digits,
   * birth date or check character is wrong.
   */
  public static Optional<NationalId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.replace(" ", "").toUpperCase(Locale.ROOT);
    if (s.length() != 18) {
      return Optional.empty();
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    if (s.charAt(17) != CHECK.charAt(sum % 11)) {
      return Optional.empty();
    }
    LocalDate birth;
    try {
      birth = LocalDate.of(
          Integer.parseInt(s.substring(6, 10)), Integer.parseInt(s.substring(10, 12)), Integer.parseInt(s.substring(12, 14)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    if (birth.getYear() < 1900) {
      return Optional.empty();
    }
    boolean male = (s.charAt(16) - '0') % 2 == 1;
    return Optional.of(new NationalId(s, s.substring(0, 6), birth, male));
  }
}
