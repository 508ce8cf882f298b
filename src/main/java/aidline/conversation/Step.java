package aidline.conversation;

import aidline.answer.Answer;
import aidline.answer.Intent;
import java.util.List;

/** What handling one message decided: the asker's next state and the reply. */
record Step(ConversationState state, Reply reply) {

  static Step say(ConversationState state, String text, Intent intent, String ticketNo) {
    return new Step(state, new Reply(Answer.text(text, intent), ticketNo));
  }

  /** A reply that offers a work order (handoff true, as the engine's offers), waiting for 是. */
  static Step offer(ConversationState state, String question, String text) {
    return new Step(state.withHandoffOffer(question),
        new Reply(new Answer(text, Intent.TICKET_STATUS, List.of(), List.of(), null, true), null));
  }
}
