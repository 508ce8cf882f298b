package aidline.conversation;

import aidline.answer.Answer;
import aidline.answer.AnswerEngine;
import aidline.answer.DialogState;
import aidline.answer.Intent;
import aidline.answer.Turn;
import aidline.knowledge.ChineseText;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel-neutral bot: loads the asker's state, lets the answer engine, the work-order form or
 * the aid-status identity check handle the message, saves the new state, returns the reply. Messages of one asker are handled
 * one at a time (striped locks), so concurrent deliveries cannot overwrite each other's state.
 */
public final class Bot {
  private static final Logger log = LoggerFactory.getLogger(Bot.class);
  /** Asking about an order is recognised here too, so it works whatever the engine makes of it. */
  private static final Pattern STATUS_QUESTION =
      Pattern.compile("(查询|查一?下|查查|看看?|我的).{0,3}工单|工单.{0,4}(进度|状态|怎么样|到哪|办得)");
  private static final Pattern TICKET_NO = Pattern.compile("[A-Za-z]{0,4}-?\\d{6,}[-\\d]*");
  /** 身份证号 or 学籍号 (G + 身份证号); anything else the parent gives is taken as the student's name. */
  private static final Pattern STUDENT_ID = Pattern.compile("[Gg]?\\d{17}[\\dXx]");
  /** Neither says which of the two answers was wrong: that would help someone guessing. */
  static final String STATUS_NOT_VERIFIED =
      "抱歉，身份证号和监护人手机号未能核对通过，无法查询。请核对后重新提问；或者回复“是”转人工，为您登记工单，工作人员会电话联系您。";
  static final String STATUS_LOCKED =
      "核对未通过的次数过多，请1小时后再试；或者回复“是”转人工，为您登记工单，工作人员会电话联系您。";
  private static final Set<String> SATISFIED = Set.of("满意", "非常满意", "很满意", "满意了");
  private static final Set<String> DISSATISFIED = Set.of("不满意", "很不满意", "非常不满意", "不太满意");

  private final AnswerEngine engine;
  private final TicketDesk desk;
  private final ConversationStore store;
  private final TicketFormFlow form;
  private final AidStatusDesk statusDesk;
  private final AidStatusQuestions statusQuestions;
  private final Object[] locks = new Object[64];

  /** A bot without aid-status answers: such questions go to the answer engine as before. */
  public Bot(AnswerEngine engine, TicketDesk desk, ConversationStore store, TicketFormFlow form) {
    this(engine, desk, store, form, null, AidStatusQuestions.none());
  }

  public Bot(
      AnswerEngine engine,
      TicketDesk desk,
      ConversationStore store,
      TicketFormFlow form,
      AidStatusDesk statusDesk,
      AidStatusQuestions statusQuestions) {
    this.engine = engine;
    this.desk = desk;
    this.store = store;
    this.form = form;
    this.statusDesk = statusDesk;
    this.statusQuestions = statusDesk == null ? AidStatusQuestions.none() : statusQuestions;
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
        state = state.withDialog(new DialogState(m.knownRegion(), d.stage(), d.pendingQuestion(), d.pendingSlot(), d.more()));
      }
      Step step = decide(m, state, ChineseText.normalize(m.text()).trim());
      store.save(m.channel(), m.userId(), step.state());
      return step.reply();
    }
  }

  private record Step(ConversationState state, Reply reply) {}

  private Step decide(InboundMessage m, ConversationState state, String text) {
    if (state.form() != null) {
      return continueForm(m, state, text);
    }
    if (state.statusForm() != null) {
      return continueStatus(m, state, text);
    }
    String bare = TicketFormFlow.clean(text);
    if (state.handoffOffer() != null) {
      ConversationState cleared = state.withHandoffOffer(null);
      if (TicketFormFlow.YES.contains(bare) || bare.contains("转人工") || bare.equals("人工")) {
        return startForm(cleared, state.handoffOffer(), Intent.TICKET_NEW);
      }
      if (TicketFormFlow.NO.contains(bare)) {
        return new Step(cleared, say("好的。还有其他问题可以随时问我。", Intent.GREETING, null));
      }
      state = cleared;
    }
    if (SATISFIED.contains(bare) || DISSATISFIED.contains(bare)) {
      Optional<Step> fb = feedback(m, state, !DISSATISFIED.contains(bare), text);
      if (fb.isPresent()) {
        return fb.get();
      }
    }
    if (STATUS_QUESTION.matcher(text).find()) {
      return status(m, state, text);
    }
    if (statusQuestions.matches(text)) {
      return startStatus(m, state, text);
    }
    Turn turn = engine.answer(text, state.dialog());
    ConversationState next = state.withDialog(turn.next());
    Answer a = turn.answer();
    if (a.intent() == Intent.TICKET_NEW) {
      return startForm(next, text, Intent.TICKET_NEW);
    }
    if (a.intent() == Intent.TICKET_STATUS) {
      return status(m, next, text);
    }
    if (a.handoff()) {
      String offer = a.reply().contains("人工")
          ? a.reply()
          : a.reply() + "\n需要转人工处理吗？回复“是”为您登记工单，工作人员会电话联系您。";
      Answer offered = a.withReply(offer).withHandoff(true);
      return new Step(next.withHandoffOffer(text), new Reply(offered, null));
    }
    return new Step(next, new Reply(a, null));
  }

  private Step startForm(ConversationState state, String description, Intent intent) {
    TicketFormFlow.Outcome o = form.start(description, category(description), state.dialog().region());
    return new Step(state.withForm(o.form()), say(o.prompt(), intent, null));
  }

  private Step continueForm(InboundMessage m, ConversationState state, String text) {
    TicketFormFlow.Outcome o = form.next(state.form(), text);
    return switch (o.decision()) {
      case CONTINUE -> {
        TicketForm f = o.form();
        // the category follows the description once the parent has given one
        if (f.description() != null && state.form().description() == null) {
          f = new TicketForm(f.step(), category(f.description()), f.description(), f.student(), f.phone(), f.region());
        }
        yield new Step(state.withForm(f), say(o.prompt(), Intent.TICKET_NEW, null));
      }
      case CANCELLED -> new Step(state.withForm(null), say(o.prompt(), Intent.TICKET_NEW, null));
      case SUBMIT -> submit(m, state, o.form());
    };
  }

  private Step submit(InboundMessage m, ConversationState state, TicketForm f) {
    String given = f.student();
    boolean isId = given != null && STUDENT_ID.matcher(given).matches();
    String description = f.description() + (given != null && !isId ? "（学生：" + given + "）" : "");
    TicketDesk.ChatTicket t;
    try {
      t = desk.open(
          new TicketDesk.ChatTicketRequest(
              m.channel(), m.userId(), "家长", f.phone(), f.region(), isId ? given.toUpperCase() : null, f.category(), description));
    } catch (RuntimeException e) {
      log.warn("opening a work order from chat failed for {}:{}", m.channel(), m.userId(), e);
      // keep the form so the parent can confirm again once the desk is back
      return new Step(state, say("抱歉，工单系统暂时无法登记，请稍后回复“是”重试，或回复“取消”放弃。", Intent.TICKET_NEW, null));
    }
    String text =
        t.duplicate()
            ? "您已有一张未办结的工单，编号 " + t.ticketNo() + "（" + t.statusLabel() + "），我们会继续跟进，无需重复登记。"
            : "工单已登记，编号 " + t.ticketNo() + "，当前状态：" + t.statusLabel()
                + (t.dueAt() == null ? "" : "，办理期限：" + t.dueAt()) + "。工作人员会电话联系您；回复“查询工单”可查看进度。";
    return new Step(state.withForm(null).withLastTicket(t.ticketNo()), say(text, Intent.TICKET_NEW, t.ticketNo()));
  }

  private Step status(InboundMessage m, ConversationState state, String text) {
    Matcher mt = TICKET_NO.matcher(text);
    Optional<TicketDesk.ChatTicket> t;
    try {
      if (mt.find()) {
        t = desk.find(mt.group().toUpperCase());
      } else {
        List<TicketDesk.ChatTicket> mine = desk.recentForUser(m.channel(), m.userId());
        t = mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(0));
      }
    } catch (RuntimeException e) {
      log.warn("work-order lookup from chat failed", e);
      return new Step(state, say("抱歉，工单系统暂时无法查询，请稍后再试。", Intent.TICKET_STATUS, null));
    }
    if (t.isEmpty()) {
      return new Step(state, say("没有查到您的工单。需要登记请回复“人工”。", Intent.TICKET_STATUS, null));
    }
    TicketDesk.ChatTicket c = t.get();
    String line = "工单 " + c.ticketNo() + "：" + c.statusLabel() + (c.overdue() ? "（已超期，正在督办）" : "")
        + "。最近进展：" + c.lastStep()
        + (c.awaitingFeedback() ? "\n问题已办结，您满意吗？请回复“满意”或“不满意”。" : "");
    return new Step(state.withLastTicket(c.ticketNo()), say(line, Intent.TICKET_STATUS, c.ticketNo()));
  }

  /**
   * The parent's 满意/不满意 for an order waiting for it: the last order seen in chat, else the
   * newest of theirs that waits (e.g. one an operator registered from a call on this account).
   */
  private Optional<Step> feedback(InboundMessage m, ConversationState state, boolean satisfied, String text) {
    try {
      Optional<TicketDesk.ChatTicket> t =
          Optional.ofNullable(state.lastTicketNo()).flatMap(desk::find).filter(TicketDesk.ChatTicket::awaitingFeedback);
      if (t.isEmpty()) {
        t = desk.recentForUser(m.channel(), m.userId()).stream().filter(TicketDesk.ChatTicket::awaitingFeedback).findFirst();
      }
      if (t.isEmpty()) {
        return Optional.empty();
      }
      TicketDesk.ChatTicket after = desk.feedback(t.get().ticketNo(), m.channel(), m.userId(), satisfied, text);
      String reply = satisfied
          ? "感谢您的评价！工单 " + after.ticketNo() + " 已结束。"
          : "很抱歉没能让您满意，工单 " + after.ticketNo() + " 已重新交办，工作人员会再联系您。";
      return Optional.of(new Step(state.withLastTicket(after.ticketNo()), say(reply, Intent.TICKET_STATUS, after.ticketNo())));
    } catch (RuntimeException e) {
      log.warn("recording feedback from chat failed", e);
      return Optional.empty();
    }
  }

  /**
   * "我家孩子的补助发了吗": before any answer the child's 身份证号 and the guardian phone must both
   * match the school's records (checked by the desk). A locked-out asker is not made to type again.
   */
  private Step startStatus(InboundMessage m, ConversationState state, String text) {
    if (locked(m)) {
      return new Step(state.withHandoffOffer(text), offer(STATUS_LOCKED));
    }
    StatusForm f = new StatusForm(StatusForm.Step.NATIONAL_ID, text, null);
    return new Step(state.withStatusForm(f), say(
        "查询孩子的资助发放情况，需要先核对身份。\n请输入孩子的18位身份证号。（随时回复“取消”可退出）", Intent.TICKET_STATUS, null));
  }

  private Step continueStatus(InboundMessage m, ConversationState state, String text) {
    StatusForm f = state.statusForm();
    String a = TicketFormFlow.clean(text);
    if (TicketFormFlow.CANCEL.contains(a)) {
      return new Step(state.withStatusForm(null), say("已取消查询。还有其他问题可以随时问我。", Intent.TICKET_STATUS, null));
    }
    if (a.equals("人工") || a.contains("转人工")) {
      return startForm(state.withStatusForm(null), f.question(), Intent.TICKET_NEW);
    }
    if (f.step() == StatusForm.Step.NATIONAL_ID) {
      String id = a.replaceAll("[\\s-]", "");
      Optional<String> problem = statusDesk.idProblem(id);
      if (problem.isPresent()) {
        // only the format is judged here; whether the child is on record is never said on its own
        return new Step(state, say(problem.get() + "。请重新输入孩子的18位身份证号，或回复“取消”退出。", Intent.TICKET_STATUS, null));
      }
      StatusForm next = new StatusForm(StatusForm.Step.PHONE, f.question(), id.toUpperCase());
      return new Step(state.withStatusForm(next), say(
          "已收到身份证号 " + maskedId(next.nationalId()) + "。\n请输入在学校登记的监护人手机号。", Intent.TICKET_STATUS, null));
    }
    if (a.replaceAll("\\D", "").length() < 7) {
      return new Step(state, say("请输入在学校登记的监护人手机号（11位），或回复“取消”退出。", Intent.TICKET_STATUS, null));
    }
    AidStatusDesk.StatusLine line;
    try {
      line = statusDesk.status(m.channel() + ":" + m.userId(), f.nationalId(), a);
    } catch (RuntimeException e) {
      log.warn("aid-status check from chat failed for {}:{}", m.channel(), m.userId(), e);
      // keep the form at the phone step, so the parent only has to send the number again
      return new Step(state, say("抱歉，暂时无法查询，请稍后重新发送手机号，或回复“取消”退出。", Intent.TICKET_STATUS, null));
    }
    // the 身份证号 leaves the state here whatever the outcome: nothing about the child is kept
    ConversationState done = state.withStatusForm(null);
    if (line.verified()) {
      return new Step(done, say(line.text(), Intent.TICKET_STATUS, null));
    }
    String reply = line.locked() ? STATUS_LOCKED : STATUS_NOT_VERIFIED;
    return new Step(done.withHandoffOffer(f.question()), offer(reply));
  }

  private boolean locked(InboundMessage m) {
    try {
      return statusDesk.locked(m.channel() + ":" + m.userId());
    } catch (RuntimeException e) {
      log.warn("aid-status lock check failed", e);
      return false;
    }
  }

  /** 430621********123X: enough for the parent to see which number was taken, not the number. */
  static String maskedId(String id) {
    return id.length() == 18 ? id.substring(0, 6) + "********" + id.substring(14) : "（已收到）";
  }

  /** A rough category from the parent's words; the work-order desk maps it to its own list. */
  static String category(String text) {
    if (text.contains("投诉") || text.contains("举报")) {
      return "投诉举报";
    }
    if (text.contains("到账") || text.contains("没收到") || text.contains("没发") || text.contains("没有发")) {
      return "资助未到账";
    }
    return "政策咨询";
  }

  /** A reply that offers a work order (handoff true, as the engine's offers), waiting for 是. */
  private static Reply offer(String text) {
    return new Reply(new Answer(text, Intent.TICKET_STATUS, List.of(), List.of(), null, true), null);
  }

  private static Reply say(String text, Intent intent, String ticketNo) {
    return new Reply(Answer.text(text, intent), ticketNo);
  }
}
