package aidline.conversation;

import aidline.answer.Answer;
import aidline.answer.Citation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the bot says back: the answer of the chat contract, plus the work order it opened or
 * reported on, if any. Channels render it with {@link #plainText()} or as JSON.
 */
public record Reply(Answer answer, String ticketNo) {

  public String text() {
    return answer.reply();
  }

  /** The choices a reply offers, in the words the bot asks for them: “是”, “跳过”, 转人工 … */
  private static final String[][] CHOICES = {
    {"“是”", "是"}, {"“否”", "否"}, {"“跳过”", "跳过"}, {"“满意”", "满意"}, {"“不满意”", "不满意"},
    {"转人工", "转人工"}, {"“更多”", "更多"}, {"“取消”", "取消"}
  };

  /**
   * The quick replies for this reply (buttons on the web chat, an inline keyboard on Telegram): the
   * choices its text offers, each once, in a fixed order; empty when it offers none.
   */
  public List<String> choices() {
    return choices(answer.reply());
  }

  public static List<String> choices(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String[] c : CHOICES) {
      if (text.contains(c[0]) && !out.contains(c[1])) {
        out.add(c[1]);
      }
    }
    return out;
  }

  /**
   * The reply followed by its sources, one line each, for channels that show plain text only;
   * a source the reply already names (by document number or title), or whose quote waits for
   * “更多”, is not repeated.
   */
  public String plainText() {
    String reply = answer.reply() == null ? "" : answer.reply();
    StringBuilder sb = new StringBuilder(reply);
    List<String> lines = sourceLines();
    if (!lines.isEmpty()) {
      sb.append("\n\n依据：");
      for (String l : lines) {
        sb.append("\n").append(l);
      }
    }
    return sb.toString();
  }

  /** One line per source, each once, leaving out a source the reply already names. */
  public List<String> sourceLines() {
    String reply = answer.reply() == null ? "" : answer.reply();
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
    return List.copyOf(lines);
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
