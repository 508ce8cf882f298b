package aidline.answer;

import java.util.LinkedHashSet;
import java.util.Set;

/** Character bigrams of Chinese text (digits and letters count as characters), the unit of matching. */
final class Bigrams {
  /**
   * Question and filler characters that say nothing about the content asked for, with the
   * colloquial ones parents write (俺家娃, 咱, 啥, 咋) so they do not dilute a question's coverage. Not 请:
   * it would cut 申请 (请问 is removed as a question word instead).
   */
  private static final String FILLER = "的了吗呢吧啊呀么我你他她们这那是在有和与及或一下什怎哪几多少会被要想给俺咱娃啥咋";

  private Bigrams() {}

  static Set<String> of(String text) {
    Set<String> out = new LinkedHashSet<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c)) {
        run.append(Character.toLowerCase(c));
      } else {
        addRun(out, run);
      }
    }
    return out;
  }

  /** Bigrams of a question: filler characters split the text so 什么时候 adds nothing. */
  static Set<String> ofQuestion(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(FILLER.indexOf(c) >= 0 ? ' ' : c);
    }
    return of(sb.toString());
  }

  private static void addRun(Set<String> out, StringBuilder run) {
    for (int i = 0; i + 1 < run.length(); i++) {
      out.add(run.substring(i, i + 2));
    }
    run.setLength(0);
  }
}
