package aidline.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one reply: text lines, the amounts it states and the sources it cites, kept together so a
 * number never appears in the text without its entry in {@code amounts}.
 */
final class Replies {
  private final StringBuilder text = new StringBuilder();
  private final Map<String, Amount> amounts = new LinkedHashMap<>();
  private final Map<String, Citation> citations = new LinkedHashMap<>();

  Replies line(String line) {
    if (text.length() > 0) {
      text.append('\n');
    }
    text.append(line);
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
    line(basis(s.title(), s.docNumber(), s.section(), s.quote()));
    return true;
  }

  static String basis(String title, String docNumber, String section, String quote) {
    StringBuilder sb = new StringBuilder("依据：《").append(title).append("》");
    if (docNumber != null && !docNumber.isBlank()) {
      sb.append("（").append(docNumber).append("）");
    }
    if (section != null && !section.isBlank()) {
      sb.append(section);
    }
    return sb.append("：“").append(quote).append("”").toString();
  }

  boolean hasAmounts() {
    return !amounts.isEmpty();
  }

  Answer build(Intent intent, String clarify, boolean handoff) {
    return new Answer(text.toString(), intent, new ArrayList<>(amounts.values()), List.copyOf(citations.values()), clarify, handoff);
  }
}
