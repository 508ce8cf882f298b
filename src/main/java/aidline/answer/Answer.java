package aidline.answer;

import java.util.List;

/**
 * The reply to one message, exactly the JSON of the ask/chat contract (DESIGN.md): fields may be
 * added, never renamed or removed.
 */
public record Answer(
    String reply,
    Intent intent,
    List<Amount> amounts,
    List<Citation> citations,
    String clarify,
    boolean handoff) {

  public static Answer text(String reply, Intent intent) {
    return new Answer(reply, intent, List.of(), List.of(), null, false);
  }

  public Answer withHandoff(boolean value) {
    return new Answer(reply, intent, amounts, citations, clarify, value);
  }
}
