package aidline.conversation;

import aidline.answer.Intent;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side of the {@link AidStatusDesk} port: runs {@link StatusFormFlow} and asks the desk
 * when the flow says so. Before any answer the child's 身份证号 and the guardian phone must both match
 * the school's records (checked by the desk); a locked-out asker is not made to type again.
 */
final class AidStatusChat {
  private static final Logger log = LoggerFactory.getLogger(AidStatusChat.class);

  private final AidStatusDesk desk;
  private final StatusFormFlow flow;

  AidStatusChat(AidStatusDesk desk) {
    this.desk = desk;
    this.flow = new StatusFormFlow(desk::idProblem);
  }

  Step start(InboundMessage m, ConversationState state, String question) {
    if (locked(m)) {
      return Step.offer(state, question, StatusFormFlow.LOCKED);
    }
    StatusFormFlow.Outcome o = flow.start(question);
    return Step.say(state.withStatusForm(o.form()), o.prompt(), Intent.TICKET_STATUS, null);
  }

  /** @param toPerson opens a work-order form about the question, when the parent asks for a person */
  Step next(InboundMessage m, ConversationState state, ChatReading r, BiFunction<ConversationState, String, Step> toPerson,
      BiFunction<ConversationState, ChatReading, Step> aside) {
    StatusFormFlow.Outcome o = flow.next(state.statusForm(), r);
    return switch (o.decision()) {
      case DIGRESS -> {
        // answered as outside the check, which then resumes; nothing the answer offered survives it
        Step s = aside.apply(state.withStatusForm(null).withHandoffOffer(null), r);
        ConversationState back = s.state().withStatusForm(o.form()).withHandoffOffer(null);
        yield new Step(back, Bot.withResume(s.reply(), o.prompt()));
      }
      case CONTINUE, CANCELLED -> Step.say(state.withStatusForm(o.form()), o.prompt(), Intent.TICKET_STATUS, null);
      case HANDOFF -> toPerson.apply(state.withStatusForm(null), o.form().question());
      case CHECK -> check(m, state, o.form(), o.phone());
    };
  }

  private Step check(InboundMessage m, ConversationState state, StatusForm f, String phone) {
    AidStatusDesk.StatusLine line;
    try {
      line = desk.status(m.channel() + ":" + m.userId(), m.source(), f.nationalId(), phone);
    } catch (RuntimeException e) {
      log.warn("aid-status check from chat failed for {}:{}", m.channel(), m.userId(), e);
      // keep the form at the phone step, so the parent only has to send the number again
      return Step.say(state, "抱歉，暂时无法查询，请稍后重新发送手机号，或回复“取消”退出。", Intent.TICKET_STATUS, null);
    }
    // the 身份证号 leaves the state here whatever the outcome: nothing about the child is kept
    ConversationState done = state.withStatusForm(null);
    return line.verified()
        ? Step.say(done, StatusFormFlow.verdict(line), Intent.TICKET_STATUS, null)
        : Step.offer(done, f.question(), StatusFormFlow.verdict(line));
  }

  private boolean locked(InboundMessage m) {
    try {
      return desk.locked(m.channel() + ":" + m.userId(), m.source());
    } catch (RuntimeException e) {
      log.warn("aid-status lock check failed", e);
      return false;
    }
  }
}
