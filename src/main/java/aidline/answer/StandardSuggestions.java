package aidline.answer;

import aidline.knowledge.ChineseText;
import aidline.knowledge.Passage;
import aidline.knowledge.PolicyDocument;
import java.util.ArrayList;
import java.util.List;

/** The sentences of a document that state a sum of money, marked when a standard already quotes them. */
public final class StandardSuggestions {
  private StandardSuggestions() {}

  public record Suggestion(String section, String sentence, boolean covered) {}

  public static List<Suggestion> of(PolicyDocument doc, List<Passage> passages, AidStandards table) {
    List<String> quoted =
        table.standards().stream()
            .filter(s -> s.source().docId().equals(doc.id()))
            .map(s -> AidStandards.comparable(s.source().quote()))
            .toList();
    List<Suggestion> out = new ArrayList<>();
    for (Passage p : passages) {
      for (String sentence : Sentences.of(ChineseText.normalize(p.text()))) {
        if (MoneyAmounts.money(sentence).isEmpty()) {
          continue;
        }
        String c = AidStandards.comparable(sentence);
        boolean covered = quoted.stream().anyMatch(q -> c.contains(q) || q.contains(c));
        out.add(new Suggestion(p.citation(), sentence, covered));
      }
    }
    return out;
  }
}
