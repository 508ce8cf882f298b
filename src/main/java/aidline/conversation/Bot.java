package aidline.conversation;

import aidline.answer.Answer;
import aidline.answer.AnswerEngine;
import aidline.answer.DialogState;
import aidline.answer.Intent;
import aidline.answer.Turn;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The channel-neutral bot, a router: loads the asker's state, reads the message once
 * ({@link ChatReader}), hands it to a form ({@link TicketFormFlow}, {@link StatusFormFlow}), a port
 * ({@link TicketDesk} through {@link WorkOrderChat}, {@link AidStatusDesk} through
 * {@link AidStatusChat}) or the answer engine, notes what the engine could not
 * answer ({@link UnansweredLog}), saves the new state and returns the reply. Messages of one asker
 * are handled one at a time (striped locks), so concurrent deliveries cannot overwrite each other's state.
 * The lock spans load, compute and the queuing of the save; the commit is waited for after it is
 * released, so no asker waits under it for anyone's fsync, except a submitted work order's own
 * commit. Many stripes keep unrelated askers apart.
 */
public final class Bot {
  private final AnswerEngine engine;
  private final ConversationStore store;
  private final ChatReader reader;
  private final TicketFormFlow form;
  private final WorkOrderChat orders;
  private final AidStatusChat aidStatus;
  private final UnansweredLog unanswered;
  private final Object[] locks = new Object[1024];

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
    this(engine, desk, store, form, statusDesk, statusQuestions, unanswered, LookupBudget.unlimited());
  }

  /** @param lookups how many orders an asker may look up by number (neutral reply or not) per hour */
  public Bot(AnswerEngine engine, TicketDesk desk, ConversationStore store, TicketFormFlow form,
      AidStatusDesk statusDesk, AidStatusQuestions statusQuestions, UnansweredLog unanswered, LookupBudget lookups) {
    this.engine = engine;
    this.store = store;
    this.form = form;
    this.orders = new WorkOrderChat(desk, lookups);
    this.aidStatus = statusDesk == null ? null : new AidStatusChat(statusDesk);
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

  /**
   * Handles the message and returns once the asker's new state is committed: one fsync wait, shared
   * with the group, and waited for outside the asker's lock.
   */
  public Reply handle(InboundMessage m) {
    Handled t = handled(m);
    await(t.saved());
    return t.reply();
  }

  /**
   * Handles the message and returns the reply with the state's commit still pending: for a channel
   * that queues a write of its own for the same group (the web chat's history) and then waits once,
   * with {@link #await}, for both.
   */
  public Handled handleLater(InboundMessage m) {
    return handled(m);
  }

  /** Waits for queued writes' commits; a failed write fails the request as {@link #handle} would. */
  public static void await(CompletableFuture<?>... commits) {
    try {
      CompletableFuture.allOf(commits).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /**
   * Handles the message without waiting for the state's commit: for a channel whose inbound ledger
   * already holds the message durably (WeChat), so the reply's one fsync wait is the ledger's claim.
   * A crash before the commit loses this turn's state, never a work order (DESIGN.md, durability).
   */
  public Reply handleQueued(InboundMessage m) {
    return handled(m).reply();
  }

  /** A reply, and the commit of the asker's new state (queued, completes when durable). */
  public record Handled(Reply reply, CompletableFuture<?> saved) {}

  private Handled handled(InboundMessage m) {
    synchronized (locks[Math.floorMod((m.channel() + "\u0000" + m.userId()).hashCode(), locks.length)]) {
      ConversationState state = store.load(m.channel(), m.userId());
      DialogState d = state.dialog();
      if (d.region() == null && m.knownRegion() != null && !m.knownRegion().isBlank()) {
        state = state.withDialog(new DialogState(m.knownRegion(), d.stage(), d.pendingQuestion(), d.pendingSlot(), d.more()));
      }
      Step step = route(m, state, reader.read(m.text()));
      return new Handled(step.reply(), store.save(m.channel(), m.userId(), step.state()));
    }
  }

  private Step route(InboundMessage m, ConversationState state, ChatReading r) {
    if (state.statusForm() != null) {
      if (aidStatus != null) {
        return resumeAfter(aidStatus.next(m, state, r, this::startForm, (st, rd) -> free(st, m, rd)), state.form());
      }
      state = state.withStatusForm(null); // no aid-status desk any more: the check cannot finish
    }
    if (state.form() != null) {
      return continueForm(m, state, r);
    }
    return free(state, m, r);
  }

  /** A message outside any form. */
  private Step free(ConversationState state, InboundMessage m, ChatReading r) {
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
    if (r.asksTicketStatus() || r.asksProgress()) {
      return orders.status(m, state, r.ticketNo());
    }
    if (r.asksAidStatus() && aidStatus != null) {
      return aidStatus.start(m, state, r.text());
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
    } else if (lowConfidence(a)) {
      // a policy answer that quotes no source is a guess: the knowledge base likely lacks the text
      unanswered.record(r.text(), a.intent(), "low_confidence");
    }
    if (a.handoff()) {
      String offer = a.reply().contains("人工")
          ? a.reply()
          : a.reply() + "\n需要转人工处理吗？回复“是”为您登记工单，工作人员会电话联系您。";
      Answer offered = a.withReply(offer).withHandoff(true);
      return new Step(next.withHandoffOffer(r.text()), new Reply(offered, null));
    }
    return new Step(next, new Reply(a, null));
  }

  private Step startForm(ConversationState state, String description) {
    TicketFormFlow.Outcome o = form.start(description, null, state.dialog().region());
    return Step.say(state.withForm(o.form()), o.prompt(), Intent.TICKET_NEW, null);
  }

  private Step continueForm(InboundMessage m, ConversationState state, ChatReading r) {
    TicketFormFlow.Outcome o = form.next(state.form(), r);
    return switch (o.decision()) {
      case CONTINUE, CANCELLED -> Step.say(state.withForm(o.form()), o.prompt(), Intent.TICKET_NEW, null);
      case SUBMIT -> orders.submit(m, state, o.form());
      case DIGRESS -> digress(m, state, r, o.form());
    };
  }

  /**
   * A question or another intent inside the work-order form: answered as outside it, then the form
   * resumes. Whatever the answer would have started (an offer, another work order) gives way to the
   * form in progress; an aid-status check runs first and the form resumes when it ends.
   */
  private Step digress(InboundMessage m, ConversationState state, ChatReading r, TicketForm f) {
    Step aside = free(state.withForm(null).withHandoffOffer(null), m, r);
    if (aside.state().form() != null) {
      // the message asked for a work order again: it is more about the problem, keep it in this one
      TicketForm more = f.description() == null ? f : f.withDescription(f.description() + "；" + r.text());
      return Step.say(state.withForm(more), "已记下。\n" + TicketFormFlow.resume(more), Intent.TICKET_NEW, null);
    }
    ConversationState next = aside.state().withForm(f).withHandoffOffer(null);
    if (next.statusForm() != null) {
      return new Step(next, aside.reply());
    }
    return new Step(next, withResume(aside.reply(), TicketFormFlow.resume(f)));
  }

  /** After an aid-status step: once that check is over, a work-order form it interrupted resumes. */
  private static Step resumeAfter(Step s, TicketForm interrupted) {
    if (interrupted == null || s.state().statusForm() != null) {
      return s;
    }
    if (s.state().form() != null && s.state().form() != interrupted) {
      return s; // the check handed over to a new work-order form
    }
    return new Step(s.state().withForm(interrupted).withHandoffOffer(null),
        withResume(s.reply(), TicketFormFlow.resume(interrupted)));
  }

  static Reply withResume(Reply r, String resume) {
    Answer a = r.answer();
    String text = a.reply() == null || a.reply().isBlank() ? resume : a.reply() + "\n\n" + resume;
    return new Reply(a.withReply(text).withHandoff(false), r.ticketNo());
  }

  private static boolean lowConfidence(Answer a) {
    return (a.intent() == Intent.AMOUNT || a.intent() == Intent.ELIGIBILITY || a.intent() == Intent.PROCEDURE
        || a.intent() == Intent.POLICY) && a.clarify() == null && (a.citations() == null || a.citations().isEmpty());
  }
}
