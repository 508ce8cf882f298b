package aidline.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one reply: a lead line that answers the question, answer lines (amounts, rules), quoted
 * sources and closing notes, kept together so a number never appears in the text without its entry
 * in {@code amounts}. Each line and each quote is stated once. The reply keeps to one phone screen
 * ({@link #SCREEN} characters): lead, answer lines and notes always show, quotes while they fit, and
 * the quotes that do not fit become the answer's {@code more}, offered with {@link #MORE_PROMPT}.
 */
final class Replies {
  /** About one phone screen of Chinese text. */
  static final int SCREEN = 300;
  static final String MORE_PROMPT = "回复“更多”看全部依据。";

  private enum Kind { LEAD, LINE, QUOTE, NOTE }

  private record Part(Kind kind, String text, String shortText) {}

  private final List<Part> parts = new ArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();
  private final Map<String, Amount> amounts = new LinkedHashMap<>();
  private final Map<String, Citation> citations = new LinkedHashMap<>();
  private String lead;

  /** The one line that answers what was asked (the figure, the number, the place); the first one wins. */
  Replies lead(String line) {
    if (lead == null && line != null && !line.isBlank() && seen.add(line)) {
      lead = line;
      parts.add(0, new Part(Kind.LEAD, line, null));
    }
    return this;
  }

  /** An answer line (an amount with its conditions, a rule): always shown. */
  Replies line(String line) {
    return add(Kind.LINE, line);
  }

  /** A closing note (a caution, an offer of a work order): always shown, after the quotes. */
  Replies note(String line) {
    return add(Kind.NOTE, line);
  }

  private Replies add(Kind kind, String line) {
    if (line != null && !line.isBlank() && seen.add(line)) {
      parts.add(new Part(kind, line, null));
    }
    return this;
  }

  Replies amount(Amount a) {
    amounts.putIfAbsent(a.value().stripTrailingZeros().toPlainString() + "|" + a.item() + "|" + a.region(), a);
    return this;
  }

  /** Cites a source once, adding its "依据" line; returns false when it was already cited. */
  boolean cite(AidStandard.Source s) {
    String key = s.docId() + "|" + s.quote();
    if (citations.containsKey(key)) {
      return false;
    }
    citations.put(key, new Citation(s.docId(), s.title(), s.docNumber(), s.region(), s.section(), s.quote()));
    String line = basis(s.title(), s.docNumber(), s.section(), s.quote());
    if (seen.add(line)) {
      parts.add(new Part(Kind.QUOTE, line, source(s.title(), s.docNumber(), s.section())));
    }
    return true;
  }

  static String basis(String title, String docNumber, String section, String quote) {
    return source(title, docNumber, section) + "：“" + quote + "”";
  }

  private static String source(String title, String docNumber, String section) {
    StringBuilder sb = new StringBuilder("依据：《").append(title).append("》");
    if (docNumber != null && !docNumber.isBlank()) {
      sb.append("（").append(docNumber).append("）");
    }
    if (section != null && !section.isBlank()) {
      sb.append(section);
    }
    return sb.toString();
  }

  boolean hasAmounts() {
    return !amounts.isEmpty();
  }

  Answer build(Intent intent, String clarify, boolean handoff) {
    int fixed = 0;
    for (Part p : parts) {
      fixed += p.kind() == Kind.QUOTE ? 0 : p.text().length() + 1;
    }
    List<String> shown = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    int used = fixed;
    boolean quoted = false;
    for (Part p : parts) {
      if (p.kind() != Kind.QUOTE) {
        shown.add(p.text());
      } else if (used + p.text().length() + 1 <= SCREEN - MORE_PROMPT.length()) {
        shown.add(p.text());
        used += p.text().length() + 1;
        quoted = true;
      } else if (!quoted) {
        // the first source is always named on screen, its long quote is one “更多” away
        shown.add(p.shortText() + "（原文见“更多”）");
        rest.add(p.text());
        quoted = true;
      } else {
        rest.add(p.text());
      }
    }
    String more = rest.isEmpty() ? null : String.join("\n", rest);
    if (more != null) {
      shown.add(MORE_PROMPT);
    }
    // without a chosen lead, the first answer line leads, read with the line it heads
    // (湖南省岳阳市： + · 初中寄宿生生活补助：1250元/生·年 → 湖南省岳阳市：初中寄宿生生活补助：1250元/生·年)
    List<String> lines = parts.stream().filter(p -> p.kind() == Kind.LINE).map(Part::text).toList();
    String first = lead;
    if (first == null && !lines.isEmpty()) {
      first = lines.get(0).endsWith("：") && lines.size() > 1 ? lines.get(0) + lines.get(1).replaceFirst("^·\\s*", "") : lines.get(0);
    }
    return new Answer(String.join("\n", shown), intent, List.copyOf(amounts.values()), List.copyOf(citations.values()), clarify, handoff, first, more);
  }
}
