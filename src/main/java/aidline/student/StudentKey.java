package aidline.student;

import aidline.knowledge.ChineseText;
import aidline.values.InvalidNationalIdException;
import aidline.values.NationalId;
import java.util.regex.Pattern;

/** What staff type to find a student: a 身份证号 or a 学籍号 (G + 身份证号, or as the roll gives it). */
public record StudentKey(String nationalId, String studentNo) {
  private static final Pattern STUDENT_NO = Pattern.compile("[A-Z0-9]{1,32}");

  public static StudentKey parse(String text) {
    String t = ChineseText.halfWidth(text == null ? "" : text.strip()).toUpperCase();
    if (t.isEmpty()) {
      throw new InvalidNationalIdException("请提供身份证号或学籍号");
    }
    if (t.length() == 18 && Character.isDigit(t.charAt(0))) {
      return new StudentKey(NationalId.parse(t).value(), null);
    }
    if (t.length() == 19 && t.charAt(0) == 'G' && Character.isDigit(t.charAt(1))) {
      // a G-number embeds a 身份证号; a typo in it is reported like one
      NationalId.parse(t.substring(1));
      return new StudentKey(null, t);
    }
    if (STUDENT_NO.matcher(t).matches() && !t.chars().allMatch(Character::isDigit)) {
      return new StudentKey(null, t);
    }
    if (t.chars().allMatch(Character::isDigit)) {
      throw new InvalidNationalIdException("身份证号应为18位，实际为" + t.length() + "位");
    }
    throw new InvalidNationalIdException("请输入18位身份证号或学籍号（字母和数字）");
  }
}
