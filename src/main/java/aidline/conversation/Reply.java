package aidline.conversation;

import aidline.answer.Answer;
import aidline.answer.Citation;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the bot says back: the answer of the chat contract, plus the work order it opened or
 * reported on, if any. Channels render it with {@link #plainText()} or as JSON.
 */
public record Reply(Answer answer, String ticketNo) {

  public String text() {
    return answer.reply();
  }

  /**
   * The reply followed by its sources, one line each, for channels that show plain text only;
   * a source the reply already names (by document number or title), or whose quote waits for
   * “更多”, is not repeated.
   */
  public String plainText() {
    String reply = answer.reply() == null ? "" : answer.reply();
    StringBuilder sb = new StringBuilder(reply);
    Set<String> lines = new LinkedHashSet<>();
    for (Citation c : answer.citations()) {
      if (answer.more() != null && answer.more().contains(c.quote())) {
        // its quote comes with “更多”; the reply already offers it
        continue;
      }
      boolean named = (c.docNumber() != null && !c.docNumber().isBlank() && reply.contains(c.docNumber()))
          || (c.title() != null && !c.title().isBlank() && reply.contains(c.title()));
      if (!named) {
        lines.add(sourceLine(c));
      }
    }
    if (!lines.isEmpty()) {
      sb.append("\n\n依据：");
      for (String l : lines) {
        sb.append("\n").append(l);
      }
    }
    return sb.toString();
  }

  static String sourceLine(Citation c) {
    StringBuilder sb = new StringBuilder("·《").append(nz(c.title())).append("》");
    if (c.docNumber() != null && !c.docNumber().isBlank()) {
      sb.append("（").append(c.docNumber()).append("）");
    }
    if (c.section() != null && !c.section().isBlank()) {
      sb.append(" ").append(c.section());
    }
    return sb.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
