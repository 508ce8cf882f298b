package aidline.answer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers messages keeping each user's dialog state in memory (for {@code ask --jsonl} and the
 * first {@code /api/chat}; the conversation bot persists state instead). A null user is a one-off.
 */
public final class Conversations {
  private final AnswerEngine engine;
  private final Map<String, DialogState> states = new ConcurrentHashMap<>();

  public Conversations(AnswerEngine engine) {
    this.engine = engine;
  }

  /** @param knownRegion the user's region from the channel, used when the user has no state yet */
  public Answer ask(String user, String text, String knownRegion) {
    if (user == null || user.isBlank()) {
      return engine.answer(text, start(knownRegion)).answer();
    }
    Answer[] out = new Answer[1];
    states.compute(
        user,
        (u, state) -> {
          DialogState current = state != null ? state : start(knownRegion);
          if (state != null && knownRegion != null && !knownRegion.isBlank() && state.region() == null) {
            current = new DialogState(knownRegion, state.stage(), state.pendingQuestion(), state.pendingSlot());
          }
          Turn turn = engine.answer(text, current);
          out[0] = turn.answer();
          return turn.next();
        });
    return out[0];
  }

  private static DialogState start(String knownRegion) {
    return knownRegion == null || knownRegion.isBlank() ? DialogState.empty() : DialogState.ofRegion(knownRegion);
  }
}
