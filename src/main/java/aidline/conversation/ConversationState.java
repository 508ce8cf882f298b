package aidline.conversation;

import aidline.answer.DialogState;

/**
 * Everything remembered about one asker between messages; stored as JSON, so fields may be added
 * (absent ones read as null).
 *
 * @param form a work order being filled in, or null
 * @param handoffOffer the question the bot offered to hand to a person, waiting for 是/否, or null
 * @param lastTicketNo the last work order opened or looked up in chat
 * @param statusForm an identity check for an aid-status question in progress, or null
 */
public record ConversationState(
    DialogState dialog, TicketForm form, String handoffOffer, String lastTicketNo, StatusForm statusForm) {

  public static ConversationState empty() {
    return new ConversationState(DialogState.empty(), null, null, null, null);
  }


  public ConversationState {
    dialog = dialog == null ? DialogState.empty() : dialog;
  }

  ConversationState withDialog(DialogState d) {
    return new ConversationState(d, form, handoffOffer, lastTicketNo, statusForm);
  }

  ConversationState withForm(TicketForm f) {
    return new ConversationState(dialog, f, handoffOffer, lastTicketNo, statusForm);
  }

  ConversationState withHandoffOffer(String q) {
    return new ConversationState(dialog, form, q, lastTicketNo, statusForm);
  }

  ConversationState withLastTicket(String no) {
    return new ConversationState(dialog, form, handoffOffer, no, statusForm);
  }

  ConversationState withStatusForm(StatusForm s) {
    return new ConversationState(dialog, form, handoffOffer, lastTicketNo, s);
  }
}
