package aidline.answer;

import java.util.List;

/**
 * The reply to one message, exactly the JSON of the ask/chat contract (DESIGN.md): fields may be
 * added, never renamed or removed. {@code reply} fits one phone screen: the {@code lead} line that
 * answers the question, the amounts, and the first quotes; {@code more} holds the rest (further
 * quotes), which the parent gets by replying “更多”. Null {@code lead}/{@code more} when there is none.
 */
public record Answer(
    String reply,
    Intent intent,
    List<Amount> amounts,
    List<Citation> citations,
    String clarify,
    boolean handoff,
    String lead,
    String more) {

  public Answer(String reply, Intent intent, List<Amount> amounts, List<Citation> citations, String clarify, boolean handoff) {
    this(reply, intent, amounts, citations, clarify, handoff, null, null);
  }

  public static Answer text(String reply, Intent intent) {
    return new Answer(reply, intent, List.of(), List.of(), null, false);
  }

  public Answer withHandoff(boolean value) {
    return new Answer(reply, intent, amounts, citations, clarify, value, lead, more);
  }

  /** The same answer with another reply text (a channel's offer appended), structure kept. */
  public Answer withReply(String text) {
    return new Answer(text, intent, amounts, citations, clarify, handoff, lead, more);
  }
}
