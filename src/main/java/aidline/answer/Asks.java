package aidline.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The separate asks of one message: "考上大学有啥补助？能贷多少款" asks twice, and "补助和助学贷款各多少"
 * asks once per side of 和. Parts that ask nothing (俺家娃今年考上大学了) are context for every ask.
 */
final class Asks {
  private static final Pattern PARTS = Pattern.compile("[，,。；;？?！!\\s]+");
  /** "A和B各多少" / "A与B分别是多少": one ask for A, one for B, both with the question after 各/分别. */
  private static final Pattern EACH = Pattern.compile("(.+?)(?:和|与|跟|以及|及|还有)(.+?)(?:各|分别)(.*)");

  private Asks() {}

  /** The asking parts of a message, in order; one element for a message that asks once. */
  static List<String> of(Lexicon lexicon, String text) {
    List<String> out = new ArrayList<>();
    for (String part : PARTS.split(text)) {
      if (part.isBlank() || !asking(lexicon, part)) {
        continue;
      }
      Matcher m = EACH.matcher(part);
      if (m.matches()) {
        out.add(m.group(1) + m.group(3));
        out.add(m.group(2) + m.group(3));
      } else {
        out.add(part);
      }
    }
    return out;
  }

  /** True when the part carries a question: a question word of any class, or a yes/no ending. */
  static boolean asking(Lexicon lexicon, String part) {
    for (String cls : List.of("money", "quantity", "count", "yesno", "list", "duration", "time", "place", "manner", "documents", "phone")) {
      if (lexicon.asks(cls, part)) {
        return true;
      }
    }
    // "交通补助呢": a follow-up ask about another item
    return lexicon.endsAsYesNo(part) || lexicon.cue("amount", part) || part.endsWith("呢");
  }
}
