package aidline.answer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds numbers, and sums of money (a number followed by 元 or 万元), in normalised text. */
public final class MoneyAmounts {
  private static final Pattern NUMBER = Pattern.compile("(?<![0-9.])[0-9]+(?:\\.[0-9]+)?(?![0-9])");
  private static final Pattern MONEY = Pattern.compile("(?<![0-9.])([0-9]+(?:\\.[0-9]+)?)\\s*(万元|元)");

  private MoneyAmounts() {}

  /** A sum of money as written: 2000 元 → (2000, 元); 1096 万元 → (1096, 万元). */
  public record Money(BigDecimal value, String unit) {}

  public static List<BigDecimal> numbers(String text) {
    List<BigDecimal> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      out.add(new BigDecimal(m.group()));
    }
    return out;
  }

  public static List<Money> money(String text) {
    List<Money> out = new ArrayList<>();
    Matcher m = MONEY.matcher(text);
    while (m.find()) {
      Money money = new Money(new BigDecimal(m.group(1)), m.group(2));
      if (!out.contains(money)) {
        out.add(money);
      }
    }
    return out;
  }
}
