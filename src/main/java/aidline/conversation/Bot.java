package aidline.conversation;

import aidline.answer.Answer;
import aidline.answer.AnswerEngine;
import aidline.answer.DialogState;
import aidline.answer.Intent;
import aidline.answer.Turn;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel-neutral bot, a router: loads the asker's state, reads the message once
 * ({@link ChatReader}), hands it to a form ({@link TicketFormFlow}, {@link StatusFormFlow}), a port
 * ({@link TicketDesk}, {@link AidStatusDesk}) or the answer engine, notes what the engine could not
 * answer ({@link UnansweredLog}), saves the new state and returns the reply. Messages of one asker
 * are handled one at a time (striped locks), so concurrent deliveries cannot overwrite each other's state.
 */
public final class Bot {
  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  private final AnswerEngine engine;
  private final ConversationStore store;
  private final ChatReader reader;
  private final TicketFormFlow form;
  private final WorkOrderChat orders;
  private final AidStatusDesk statusDesk;
  private final StatusFormFlow statusForm;
  private final UnansweredLog unanswered;
  private final Object[] locks = new Object[64];

  /** A bot without aid-status answers: such questions go to the answer engine as before. */
  public Bot(AnswerEngine engine, TicketDesk desk, ConversationStore store, TicketFormFlow form) {
    this(engine, desk, store, form, null, AidStatusQuestions.none(), UnansweredLog.none());
  }

  public Bot(AnswerEngine engine, TicketDesk desk, ConversationStore store, TicketFormFlow form,
      AidStatusDesk statusDesk, AidStatusQuestions statusQuestions) {
    this(engine, desk, store, form, statusDesk, statusQuestions, UnansweredLog.none());
  }

  public Bot(AnswerEngine engine, TicketDesk desk, ConversationStore store, TicketFormFlow form,
      AidStatusDesk statusDesk, AidStatusQuestions statusQuestions, UnansweredLog unanswered) {
    this.engine = engine;
    this.store = store;
    this.form = form;
    this.orders = new WorkOrderChat(desk);
    this.statusDesk = statusDesk;
    this.statusForm = statusDesk == null ? null : new StatusFormFlow(statusDesk::idProblem);
    this.reader = new ChatReader(statusDesk == null ? AidStatusQuestions.none() : statusQuestions);
    this.unanswered = unanswered;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** What a newcomer is told: what aidline does and example questions. */
  public static String welcome() {
    return "您好！我是学生资助政策助手，可以回答教育资助方面的问题，并注明政策出处。您可以这样问：\n"
        + "1. 岳阳市初中寄宿生每年有多少生活补助？\n"
        + "2. 建档立卡家庭的孩子上中职能免学费吗？\n"
        + "3. 国家助学贷款怎么申请？\n"
        + "补助没到账或需要人工帮助，请回复“人工”登记工单；回复“查询工单”可查看进度。";
  }

  public Reply handle(InboundMessage m) {
    synchronized (locks[Math.floorMod((m.channel() + "\u0000" + m.userId()).hashCode(), locks.length)]) {
      ConversationState state = store.load(m.channel(), m.userId());
      DialogState d = state.dialog();
      if (d.region() == null && m.knownRegion() != null && !m.knownRegion().isBlank()) {
        state = state.withDialog(new DialogState(m.knownRegion(), d.stage(), d.pendingQuestion(), d.pendingSlot()));
      }
      Step step = route(m, state, reader.read(m.text()));
      store.save(m.channel(), m.userId(), step.state());
      return step.reply();
    }
  }

  private Step route(InboundMessage m, ConversationState state, ChatReading r) {
    if (state.form() != null) {
      return continueForm(m, state, r);
    }
    if (state.statusForm() != null) {
      return continueStatus(m, state, r);
    }
    if (state.handoffOffer() != null) {
      ConversationState cleared = state.withHandoffOffer(null);
      if (r.yes() || r.wantsPerson()) {
        return startForm(cleared, state.handoffOffer());
      }
      if (r.no()) {
        return Step.say(cleared, "好的。还有其他问题可以随时问我。", Intent.GREETING, null);
      }
      state = cleared;
    }
    if (r.satisfied() != null) {
      Optional<Step> fb = orders.feedback(m, state, r.satisfied(), r.text());
      if (fb.isPresent()) {
        return fb.get();
      }
    }
    if (r.asksTicketStatus()) {
      return orders.status(m, state, r.ticketNo());
    }
    if (r.asksAidStatus()) {
      return startStatus(m, state, r.text());
    }
    return answer(m, state, r);
  }

  private Step answer(InboundMessage m, ConversationState state, ChatReading r) {
    Turn turn = engine.answer(r.text(), state.dialog());
    ConversationState next = state.withDialog(turn.next());
    Answer a = turn.answer();
    if (a.intent() == Intent.TICKET_NEW) {
      return startForm(next, r.text());
    }
    if (a.intent() == Intent.TICKET_STATUS) {
      return orders.status(m, next, r.ticketNo());
    }
    if (a.intent() == Intent.UNKNOWN || a.handoff()) {
      // only here, off the answer chain: a fine answer costs no write
      unanswered.record(r.text(), a.intent(), a.handoff() ? "handoff" : "unknown");
    }
    if (a.handoff()) {
      String offer = a.reply().contains("人工")
          ? a.reply()
          : a.reply() + "\n需要转人工处理吗？回复“是”为您登记工单，工作人员会电话联系您。";
      Answer offered = new Answer(offer, a.intent(), a.amounts(), a.citations(), a.clarify(), true);
      return new Step(next.withHandoffOffer(r.text()), new Reply(offered, null));
    }
    return new Step(next, new Reply(a, null));
  }

  private Step startForm(ConversationState state, String description) {
    TicketFormFlow.Outcome o = form.start(description, null, state.dialog().region());
    return Step.say(state.withForm(o.form()), o.prompt(), Intent.TICKET_NEW, null);
  }

  private Step continueForm(InboundMessage m, ConversationState state, ChatReading r) {
    TicketFormFlow.Outcome o = form.next(state.form(), r.text());
    return switch (o.decision()) {
      case CONTINUE, CANCELLED -> Step.say(state.withForm(o.form()), o.prompt(), Intent.TICKET_NEW, null);
      case SUBMIT -> orders.submit(m, state, o.form());
    };
  }

  /**
   * "我家孩子的补助发了吗": before any answer the child's 身份证号 and the guardian phone must both
   * match the school's records (checked by the desk). A locked-out asker is not made to type again.
   */
  private Step startStatus(InboundMessage m, ConversationState state, String question) {
    if (locked(m)) {
      return Step.offer(state, question, StatusFormFlow.LOCKED);
    }
    StatusFormFlow.Outcome o = statusForm.start(question);
    return Step.say(state.withStatusForm(o.form()), o.prompt(), Intent.TICKET_STATUS, null);
  }

  private Step continueStatus(InboundMessage m, ConversationState state, ChatReading r) {
    StatusFormFlow.Outcome o = statusForm.next(state.statusForm(), r);
    return switch (o.decision()) {
      case CONTINUE, CANCELLED -> Step.say(state.withStatusForm(o.form()), o.prompt(), Intent.TICKET_STATUS, null);
      case HANDOFF -> startForm(state.withStatusForm(null), o.form().question());
      case CHECK -> check(m, state, o.form(), o.phone());
    };
  }

  private Step check(InboundMessage m, ConversationState state, StatusForm f, String phone) {
    AidStatusDesk.StatusLine line;
    try {
      line = statusDesk.status(m.channel() + ":" + m.userId(), f.nationalId(), phone);
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
      return statusDesk.locked(m.channel() + ":" + m.userId());
    } catch (RuntimeException e) {
      log.warn("aid-status lock check failed", e);
      return false;
    }
  }
}
