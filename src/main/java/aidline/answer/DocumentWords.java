package aidline.answer;

import aidline.knowledge.ChineseText;
import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.KnowledgeException;
import aidline.knowledge.Synonyms;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The documents' own wording, for judging whether a sentence answers a question: every character
 * bigram the passages use, and the parents' words → policy words of {@code synonyms.txt}
 * (住校 → 寄宿, 老师 → 教师), so that a question in parents' words is covered by a sentence in the
 * documents' words.
 */
public record DocumentWords(Set<String> vocabulary, Synonyms synonyms) {
  public static DocumentWords none() {
    return new DocumentWords(Set.of(), Synonyms.none());
  }

  public static DocumentWords of(KnowledgeBase kb) {
    Set<String> vocabulary = new HashSet<>();
    kb.passages().forEach(p -> vocabulary.addAll(Bigrams.of(ChineseText.normalize(p.text()))));
    Synonyms synonyms;
    try {
      synonyms = Synonyms.load(kb.dir().resolve(Synonyms.FILE_NAME));
    } catch (KnowledgeException e) {
      // the knowledge base already reported the broken file; answer without it
      synonyms = Synonyms.none();
    }
    return new DocumentWords(Set.copyOf(vocabulary), synonyms);
  }

  /** True when some passage has this bigram (always, when the vocabulary is unknown). */
  boolean known(String bigram) {
    return vocabulary.isEmpty() || vocabulary.contains(bigram);
  }

  /**
   * For each question bigram that comes from a parent's word of a synonym rule, the bigrams of the
   * rule's policy words: a sentence with any of those covers it.
   */
  Map<String, Set<String>> alternatives(String question, Set<String> terms) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Synonyms.Rule r : synonyms.rules()) {
      for (String w : r.from()) {
        if (!question.contains(w)) {
          continue;
        }
        Set<String> to = new LinkedHashSet<>();
        r.to().forEach(t -> to.addAll(Bigrams.of(t)));
        for (String b : Bigrams.of(w)) {
          if (terms.contains(b)) {
            out.computeIfAbsent(b, k -> new LinkedHashSet<>()).addAll(to);
          }
        }
      }
    }
    return out;
  }
}
