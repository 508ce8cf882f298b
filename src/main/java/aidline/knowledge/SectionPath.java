package aidline.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbering styles Chinese policy documents use for their headings, and the two ways a
 * section is written: the path {@code 五、政策措施 > （二） > 2.} and the compact citation
 * {@code 五（二）2}.
 */
public final class SectionPath {
  public static final String SEPARATOR = " > ";

  /** Numbering styles, outermost first in the usual documents; the order in a document decides. */
  public enum Style {
    CHINESE("^([一二三四五六七八九十百]{1,4})、"),
    CHINESE_PAREN("^[（(]\\s*([一二三四五六七八九十]{1,3})\\s*[）)]"),
    ARABIC("^(\\d{1,2})\\s*[.、．](?!\\d)"),
    ARABIC_PAREN("^[（(]\\s*(\\d{1,2})\\s*[）)]"),
    CIRCLED("^([①-⑳])");

    final Pattern pattern;

    Style(String regex) {
      this.pattern = Pattern.compile(regex);
    }
  }

  /** A heading's numbering: its style and the number as written (五, 二, 2, 1, ①). */
  public record Numbering(Style style, String number, int length) {
    /** How the number appears in a path: 五、 / （二） / 2. / （1） / ①. */
    public String label() {
      return switch (style) {
        case CHINESE -> number + "、";
        case CHINESE_PAREN -> "（" + number + "）";
        case ARABIC -> number + ".";
        case ARABIC_PAREN -> "（" + number + "）";
        case CIRCLED -> number;
      };
    }

    /** How the number appears in a compact citation: 五 / （二） / 2 / （1） / ①. */
    public String compact() {
      return switch (style) {
        case CHINESE, ARABIC, CIRCLED -> number;
        case CHINESE_PAREN, ARABIC_PAREN -> "（" + number + "）";
      };
    }
  }

  private SectionPath() {}

  public static Optional<Numbering> numbering(String line) {
    for (Style s : Style.values()) {
      Matcher m = s.pattern.matcher(line);
      if (m.find()) {
        return Optional.of(new Numbering(s, m.group(1), m.end()));
      }
    }
    return Optional.empty();
  }

  /**
   * The compact citation of a path: numbered parts contribute their numbers (五（二）2); a part
   * without numbering (附件2, 基本介绍) is kept as text, separated by a space.
   */
  private static final Pattern ANNEX = Pattern.compile("^(附件\\s*\\d*).*");

  /** 附件 2 县…清单 → 附件2; other unnumbered headings stay as they are. */
  private static String shortLabel(String label) {
    Matcher m = ANNEX.matcher(label);
    return m.matches() ? m.group(1).replace(" ", "") : label;
  }

  public static String compact(String path) {
    if (path == null || path.isBlank()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    StringBuilder numbers = new StringBuilder();
    for (String part : path.split(Pattern.quote(SEPARATOR))) {
      var n = numbering(part.strip());
      if (n.isPresent()) {
        numbers.append(n.get().compact());
      } else {
        if (numbers.length() > 0) {
          out.add(numbers.toString());
          numbers.setLength(0);
        }
        out.add(shortLabel(part.strip()));
      }
    }
    if (numbers.length() > 0) {
      out.add(numbers.toString());
    }
    return String.join(" ", out);
  }
}
