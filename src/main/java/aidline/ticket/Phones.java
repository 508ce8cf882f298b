package aidline.ticket;

import java.util.Optional;
import java.util.regex.Pattern;

/** Mainland phone numbers: validation, normalisation and masking for lists. */
public final class Phones {
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  /** Area code 0xx or 0xxx, then a 7-8 digit local number (e.g. 0730-8221234). */
  private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");

  private Phones() {}

  /** The number without spaces and without +86, or empty when it is neither a mobile nor a landline. */
  public static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = raw.replaceAll("[\\s()（）]", "");
    if (s.startsWith("+86")) {
      s = s.substring(3);
    } else if (s.startsWith("86") && s.length() == 13) {
      s = s.substring(2);
    }
    s = s.replaceFirst("^-", "");
    if (MOBILE.matcher(s).matches()) {
      return Optional.of(s);
    }
    if (LANDLINE.matcher(s).matches()) {
      return Optional.of(s);
    }
    if (s.matches("1[3-9]\\d-?\\d{4}-?\\d{4}")) {
      return Optional.of(s.replace("-", ""));
    }
    return Optional.empty();
  }
}
