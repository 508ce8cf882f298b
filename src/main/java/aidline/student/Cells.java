package aidline.student;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks shared by the student and aid rows. */
final class Cells {
  private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
  private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

  private Cells() {}

  /** Undecodable bytes (U+FFFD) or control characters mean a damaged file or the wrong encoding. */
  static void requireText(List<String> fields) {
    for (String f : fields) {
      for (int i = 0; i < f.length(); i++) {
        char c = f.charAt(i);
        if (c == '\uFFFD' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
          throw new RowRejected("含有无法识别的字符（文件可能损坏或编码不对；GBK 编码的文件请用 --encoding GBK）");
        }
      }
    }
  }

  static void requireWidth(List<String> fields, int width) {
    if (fields.size() == width) {
      return;
    }
    // Excel often pads rows with empty trailing cells
    if (fields.size() > width && fields.subList(width, fields.size()).stream().allMatch(String::isBlank)) {
      return;
    }
    throw new RowRejected("列数不符：表头有" + width + "列，此行有" + fields.size() + "列");
  }

  /** Reads 2010-03-05, 2010/3/5, 2010.03.05, 2010年3月5日, 20100305. */
  static LocalDate date(String text, String what) {
    String t = text.strip();
    Matcher m = DATE.matcher(t);
    Matcher c = COMPACT_DATE.matcher(t);
    String y;
    String mo;
    String d;
    if (m.matches()) {
      y = m.group(1);
      mo = m.group(2);
      d = m.group(3);
    } else if (c.matches()) {
      y = c.group(1);
      mo = c.group(2);
      d = c.group(3);
    } else {
      throw new RowRejected(what + "「" + t + "」不是日期（应如 2010-03-05）");
    }
    try {
      return LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d));
    } catch (DateTimeException e) {
      throw new RowRejected(what + "「" + t + "」不存在");
    }
  }

  static String shorten(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }
}
