package aidline.values;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An 18-character 居民身份证号 checked against GB 11643-1999: 6-digit address code, 8-digit birth
 * date, 3-digit sequence (odd = male), and the ISO 7064 MOD 11-2 check character.
 */
public record NationalId(String value, LocalDate birthDate, String gender) {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";
  public static final String MALE = "男";
  public static final String FEMALE = "女";

  /** Parses and validates; full-width digits and a lower-case x are accepted as typed. */
  public static NationalId parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidNationalIdException("身份证号为空");
    }
    String v = HalfWidth.of(text.strip()).replace('x', 'X');
    if (v.length() != 18) {
      throw new InvalidNationalIdException("身份证号应为18位，实际为" + v.length() + "位");
    }
    for (int i = 0; i < 17; i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        throw new InvalidNationalIdException("身份证号前17位必须是数字");
      }
    }
    char last = v.charAt(17);
    if ((last < '0' || last > '9') && last != 'X') {
      throw new InvalidNationalIdException("身份证号最后一位应为数字或X");
    }
    LocalDate birth = birthDate(v);
    char expected = checkChar(v);
    if (expected != last) {
      throw new InvalidNationalIdException("身份证号校验位错误（号码可能输错了一位）");
    }
    int sequence = v.charAt(16) - '0';
    return new NationalId(v, birth, sequence % 2 == 1 ? MALE : FEMALE);
  }

  /** For callers that only need yes/no (the ticket branch's variant returned Optional from parse). */
  public static Optional<NationalId> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidNationalIdException e) {
      return Optional.empty();
    }
  }

  /** The 6-digit address code of the place the number was issued. */
  public String regionCode() {
    return value.substring(0, 6);
  }

  public boolean male() {
    return MALE.equals(gender);
  }

  /** The check character for the first 17 digits; used by the demo generator to make valid numbers. */
  public static char checkChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  private static LocalDate birthDate(String v) {
    int y = Integer.parseInt(v.substring(6, 10));
    int m = Integer.parseInt(v.substring(10, 12));
    int d = Integer.parseInt(v.substring(12, 14));
    if (y < 1900) {
      throw new InvalidNationalIdException("身份证号中的出生年份 " + y + " 不合理");
    }
    try {
      return LocalDate.of(y, m, d);
    } catch (DateTimeException e) {
      throw new InvalidNationalIdException("身份证号中的出生日期 " + v.substring(6, 14) + " 不存在");
    }
  }

  /** 430621********1234: enough for staff to recognise a number without exposing it. */
  public String masked() {
    return value.substring(0, 6) + "********" + value.substring(14);
  }

  @Override
  public String toString() {
    return masked();
  }
}
