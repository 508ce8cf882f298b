package aidline.conversation;

import aidline.answer.Intent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side of the {@link TicketDesk} port: opens, finds and closes work orders and says what
 * happened. A desk failure is told to the parent in one line and leaves the state as it was.
 */
final class WorkOrderChat {
  private static final Logger log = LoggerFactory.getLogger(WorkOrderChat.class);
  /** 身份证号 or 学籍号 (G + 身份证号); anything else the parent gives is taken as the student's name. */
  private static final Pattern STUDENT_ID = Pattern.compile("[Gg]?\\d{17}[\\dXx]");

  /** The same for a number that does not exist and for someone else's: it tells nothing. */
  static final String NOT_FOUND = "没有查到这张工单。如果是您打热线电话登记的工单，请把工单编号和登记时留的手机号一起发给我核对"
      + "（工单编号和手机号之间空一格）。需要登记新工单请回复“人工”。";
  private static final Set<String> ENDED = Set.of("closed", "cancelled");

  private final TicketDesk desk;
  private final LookupBudget lookups;

  WorkOrderChat(TicketDesk desk, LookupBudget lookups) {
    this.desk = desk;
    this.lookups = lookups;
  }

  /** The category is left to the desk, which guesses it from the description (one guess, in the ticket feature). */
  Step submit(InboundMessage m, ConversationState state, TicketForm f) {
    String given = f.student();
    boolean isId = given != null && STUDENT_ID.matcher(given).matches();
    String description = f.description() + (given != null && !isId ? "（学生：" + given + "）" : "");
    TicketDesk.ChatTicket t;
    try {
      t = desk.open(new TicketDesk.ChatTicketRequest(
          m.channel(), m.userId(), "家长", f.phone(), f.region(), isId ? given.toUpperCase() : null, f.category(), description));
    } catch (RuntimeException e) {
      log.warn("opening a work order from chat failed for {}:{}", m.channel(), m.userId(), e);
      // keep the form so the parent can confirm again once the desk is back
      return Step.say(state, "抱歉，工单系统暂时无法登记，请稍后回复“是”重试，或回复“取消”放弃。", Intent.TICKET_NEW, null);
    }
    String text = t.duplicate()
        ? "您已有一张未办结的工单，编号 " + t.ticketNo() + "（" + t.statusLabel() + "），我们会继续跟进，无需重复登记。"
        : "工单已登记，编号 " + t.ticketNo() + "，当前状态：" + t.statusLabel()
            + (t.dueAt() == null ? "" : "，办理期限：" + t.dueAt()) + "。工作人员会电话联系您；回复“查询工单”可查看进度。";
    return Step.say(state.withForm(null).withLastTicket(t.ticketNo()), text, Intent.TICKET_NEW, t.ticketNo());
  }

  /**
   * The order named in the message if this asker filed it, else the asker's own open orders (all
   * of them, newest first), each with its status and latest step. Someone else's number gets the
   * same reply as a number that does not exist.
   */
  Step status(InboundMessage m, ConversationState state, String ticketNo) {
    if (ticketNo != null && !lookups.take(m)) {
      return Step.say(state, "查询次数过多，请1小时后再试；查看自己的工单可直接回复“查询工单”，不用写编号。", Intent.TICKET_STATUS, null);
    }
    List<TicketDesk.ChatTicket> shown;
    try {
      if (ticketNo != null) {
        shown = desk.findMine(ticketNo, m.channel(), m.userId()).stream().toList();
      } else {
        List<TicketDesk.ChatTicket> mine = desk.recentForUser(m.channel(), m.userId());
        shown = mine.stream().filter(t -> !ENDED.contains(t.status())).toList();
        if (shown.isEmpty() && !mine.isEmpty()) {
          shown = List.of(mine.get(0)); // nothing open: the newest, so the parent sees how it ended
        }
      }
    } catch (RuntimeException e) {
      log.warn("work-order lookup from chat failed", e);
      return Step.say(state, "抱歉，工单系统暂时无法查询，请稍后再试。", Intent.TICKET_STATUS, null);
    }
    if (shown.isEmpty() && ticketNo != null) {
      Matcher phone = TicketFormFlow.PHONE_IN.matcher(m.text().replace(ticketNo, " ").replace(ticketNo.toLowerCase(), " "));
      if (phone.find()) {
        return claim(m, state, ticketNo, phone.group());
      }
      return Step.say(state, NOT_FOUND, Intent.TICKET_STATUS, null);
    }
    if (shown.isEmpty()) {
      return Step.say(state, "没有查到您提交过的工单。需要登记请回复“人工”。", Intent.TICKET_STATUS, null);
    }
    if (shown.size() == 1) {
      TicketDesk.ChatTicket c = shown.get(0);
      String text = line(c) + (c.awaitingFeedback() ? "\n问题已办结，您满意吗？请回复“满意”或“不满意”。" : "");
      return Step.say(state.withLastTicket(c.ticketNo()), text, Intent.TICKET_STATUS, c.ticketNo());
    }
    StringBuilder sb = new StringBuilder("您有 " + shown.size() + " 张未办结的工单：");
    for (int i = 0; i < shown.size(); i++) {
      sb.append("\n").append(i + 1).append(". ").append(line(shown.get(i)));
    }
    boolean waits = shown.stream().anyMatch(TicketDesk.ChatTicket::awaitingFeedback);
    if (waits) {
      sb.append("\n已办结的工单请回复“满意”或“不满意”。");
    }
    TicketDesk.ChatTicket newest = shown.get(0);
    return Step.say(state.withLastTicket(newest.ticketNo()), sb.toString(), Intent.TICKET_STATUS, newest.ticketNo());
  }

  /** An order an operator registered from the parent's call, proved theirs by the phone on it. */
  private Step claim(InboundMessage m, ConversationState state, String ticketNo, String phone) {
    TicketDesk.Claim c;
    try {
      c = desk.claim(ticketNo, m.channel(), m.userId(), m.source(), phone);
    } catch (RuntimeException e) {
      log.warn("linking a work order from chat failed", e);
      return Step.say(state, "抱歉，工单系统暂时无法查询，请稍后再试。", Intent.TICKET_STATUS, null);
    }
    return switch (c.outcome()) {
      case LINKED -> Step.say(state.withLastTicket(c.ticket().ticketNo()),
          "核对通过，这张工单已关联到您的账号，今后办理进展会在这里通知您。\n" + line(c.ticket()), Intent.TICKET_STATUS, c.ticket().ticketNo());
      case LOCKED -> Step.say(state, "核对未通过的次数过多，请1小时后再试。", Intent.TICKET_STATUS, null);
      case NOT_VERIFIED -> Step.say(state, "工单编号和手机号未能核对通过，无法查看。请核对后再试；需要帮助请回复“人工”。",
          Intent.TICKET_STATUS, null);
    };
  }

  private static String line(TicketDesk.ChatTicket c) {
    return "工单 " + c.ticketNo() + "：" + c.statusLabel() + (c.overdue() ? "（已超期，正在督办）" : "")
        + "。最近进展：" + c.lastStep();
  }

  /**
   * The parent's 满意/不满意 for an order waiting for it: the last order seen in chat, else the
   * newest of theirs that waits (e.g. one an operator registered from a call on this account).
   * Empty when no order waits, so the message is answered as any other.
   */
  Optional<Step> feedback(InboundMessage m, ConversationState state, boolean satisfied, String text) {
    try {
      Optional<TicketDesk.ChatTicket> t =
          Optional.ofNullable(state.lastTicketNo()).flatMap(no -> desk.findMine(no, m.channel(), m.userId()))
              .filter(TicketDesk.ChatTicket::awaitingFeedback);
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
      return Optional.of(Step.say(state.withLastTicket(after.ticketNo()), reply, Intent.TICKET_STATUS, after.ticketNo()));
    } catch (RuntimeException e) {
      log.warn("recording feedback from chat failed", e);
      return Optional.empty();
    }
  }
}
