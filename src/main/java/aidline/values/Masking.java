package aidline.values;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking rule (issue 15, H4/M4), applied to every response, list, CSV, audit view and log
 * line that can carry personal numbers: 身份证号 (and the 学籍号 made from it), phone numbers and
 * bank-card numbers are shown whole only to ADMIN. Staff find a student by the number they already
 * hold and a masked number is enough to confirm it is the right child; operators work on orders,
 * not on identities. Log lines mask for everyone ({@link #text(String, Role)} with null).
 */
public final class Masking {
  /** 18-digit 身份证号 (last may be X), 16-19-digit card numbers and 11-digit mobiles inside any text. */
  private static final Pattern NUMBERS = Pattern.compile("(?<!\\d)(\\d{17}[\\dXx]|\\d{16,19}|1[3-9]\\d{9})(?![\\dXx])");

  private Masking() {}

  public static boolean showsFull(Role role) {
    return role == Role.ADMIN;
  }

  /** 430623********0011 */
  public static String nationalId(String id, Role role) {
    if (id == null || showsFull(role) || id.length() != 18) {
      return id;
    }
    return id.substring(0, 6) + "********" + id.substring(14);
  }

  /** G + 身份证号 is masked like the number itself; other 学籍号 carry nothing personal. */
  public static String studentNo(String no, Role role) {
    if (no != null && no.length() == 19 && (no.charAt(0) == 'G' || no.charAt(0) == 'g')) {
      return no.charAt(0) + nationalId(no.substring(1), role);
    }
    return nationalId(no, role);
  }

  /** 138****0001; landlines keep their area code and last four digits (0730-****1234). */
  public static String phone(String phone, Role role) {
    if (phone == null || phone.length() < 7 || showsFull(role)) {
      return phone;
    }
    int keepTail = 4;
    int keepHead = phone.startsWith("1") ? 3 : Math.max(3, phone.indexOf('-') + 1);
    if (keepHead + keepTail >= phone.length()) {
      keepHead = phone.length() - keepTail - 1;
    }
    return phone.substring(0, keepHead) + "*".repeat(phone.length() - keepHead - keepTail) + phone.substring(phone.length() - keepTail);
  }

  /**
   * Free text (descriptions, notes, request paths): every 身份证号, card number and mobile inside is
   * masked unless the role sees numbers whole; {@code role} null masks for everyone (logs).
   */
  public static String text(String s, Role role) {
    if (s == null || showsFull(role)) {
      return s;
    }
    Matcher m = NUMBERS.matcher(s);
    if (!m.find()) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    do {
      String n = m.group(1);
      String masked = n.length() == 11 ? phone(n, null) : n.length() == 18 ? nationalId(n, null)
          : n.substring(0, 4) + "*".repeat(n.length() - 8) + n.substring(n.length() - 4);
      m.appendReplacement(out, Matcher.quoteReplacement(masked));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }
}
