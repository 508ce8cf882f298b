package aidline.student;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** School years run September to August and are written "2025-2026". */
public final class SchoolYear {
  private static final Pattern YEARS = Pattern.compile("(\\d{4})\\s*(?:[-—–~至/]\\s*(\\d{4}))?");

  private SchoolYear() {}

  public static String of(LocalDate day) {
    int start = day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1;
    return start + "-" + (start + 1);
  }

  public static String current(Clock clock) {
    return of(LocalDate.now(clock));
  }

  /** Reads 2025-2026, 2025—2026学年, 2025学年 (the year it starts); empty if it is none of those. */
  public static Optional<String> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = YEARS.matcher(text.strip());
    if (!m.find() || m.start() != 0) {
      return Optional.empty();
    }
    int start = Integer.parseInt(m.group(1));
    if (m.group(2) != null && Integer.parseInt(m.group(2)) != start + 1) {
      return Optional.empty();
    }
    if (start < 2000 || start > 2100) {
      return Optional.empty();
    }
    return Optional.of(start + "-" + (start + 1));
  }
}
