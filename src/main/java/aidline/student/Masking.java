package aidline.student;

import aidline.values.Role;

/**
 * Hides 身份证号 and phone numbers from roles that do not need them in full. Only ADMIN sees them
 * whole: staff find a student by the number they already hold, and a masked number on screen is
 * enough to confirm it is the right child.
 */
public final class Masking {
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
    if (no != null && no.length() == 19 && no.charAt(0) == 'G') {
      return "G" + nationalId(no.substring(1), role);
    }
    return no;
  }

  /** 138****0001; landlines keep their area code and last four digits. */
  public static String phone(String phone, Role role) {
    if (phone == null || phone.length() < 7 || showsFull(role)) {
      return phone;
    }
    return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
  }
}
