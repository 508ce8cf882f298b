package aidline.ticket;

import aidline.conversation.TicketDesk;
import aidline.ticket.Command.Action;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The chat bot's view of work orders, on top of {@link TicketService}. */
public final class ChatTicketDesk implements TicketDesk {
  static final String DEFAULT_CALLER = "家长";
  private static final int RECENT = 5;
  private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkCalendar.ZONE);

  private final TicketService service;
  private final ChatClaimLimits claims;
  private final TicketAudit audit;

  public ChatTicketDesk(TicketService service) {
    this(service, null, TicketAudit.NONE);
  }

  /** @param claims failure counts for linking hotline orders to chat, or null (no linking) */
  public ChatTicketDesk(TicketService service, ChatClaimLimits claims, TicketAudit audit) {
    this.service = service;
    this.claims = claims;
    this.audit = audit;
  }

  /**
   * Only an open order registered from a call (no chat identity yet) whose phone matches is linked;
   * every other case — no such order, another's, a chat order, a wrong phone — is the same failure.
   */
  @Override
  public Claim claim(String ticketNo, String channel, String userId, String source, String phone) {
    if (claims == null || ticketNo == null || userId == null) {
      return new Claim(Claim.Outcome.NOT_VERIFIED, null);
    }
    String who = actor(channel, userId);
    String userKey = "u:" + channel + ":" + userId;
    String addressKey = source == null ? null : "a:" + source;
    if (claims.locked(userKey, addressKey)) {
      audit.record(who, "ticket.chat_claim_locked", ticketNo, null, source);
      return new Claim(Claim.Outcome.LOCKED, null);
    }
    String no = ticketNo.trim().toUpperCase(Locale.ROOT);
    Optional<String> given = Phones.normalize(phone);
    Optional<Ticket> t = service.find(no)
        .filter(x -> x.channelUserId() == null && "hotline".equals(x.channel()) && x.status().isOpen())
        .filter(x -> given.isPresent() && given.equals(Phones.normalize(x.callerPhone())));
    if (t.isEmpty()) {
      claims.fail(userKey, addressKey);
      audit.record(who, "ticket.chat_claim_failed", no, null, source);
      return new Claim(Claim.Outcome.NOT_VERIFIED, null);
    }
    Ticket linked = service.linkChat(no, channel, userId, who);
    audit.record(who, "ticket.chat_claim_linked", no, channel, source);
    return new Claim(Claim.Outcome.LINKED, view(linked, false));
  }

  @Override
  public ChatTicket open(ChatTicketRequest r) {
    if (r.userId() == null || r.userId().isBlank()) {
      throw new InvalidTicketException("缺少聊天用户标识，无法登记工单");
    }
    Categories categories = service.categories();
    String category = categories.find(r.category()).orElseGet(() -> categories.guess(r.description())).code();
    String name = r.callerName() == null || r.callerName().isBlank() ? DEFAULT_CALLER : r.callerName();
    TicketService.Opened opened = service.open(
        new NewTicket(r.channel(), name, r.phone(), r.userId(), r.region(), r.studentId(), category, r.description()),
        actor(r.channel(), r.userId()));
    return view(opened.ticket(), opened.duplicate());
  }

  /** Only the chat identity that filed the order sees it; for anyone else it does not exist. */
  @Override
  public Optional<ChatTicket> findMine(String ticketNo, String channel, String userId) {
    if (ticketNo == null || ticketNo.isBlank() || userId == null) {
      return Optional.empty();
    }
    return service.find(ticketNo.trim().toUpperCase(Locale.ROOT))
        .filter(t -> Objects.equals(channel, t.channel()) && Objects.equals(userId, t.channelUserId()))
        .map(t -> view(t, false));
  }

  @Override
  public List<ChatTicket> recentForUser(String channel, String userId) {
    return service.forUser(channel, userId, RECENT).stream().map(t -> view(t, false)).toList();
  }

  /** Only the parent who opened the order may answer its 回访; others see "not found". */
  @Override
  public ChatTicket feedback(String ticketNo, String channel, String userId, boolean satisfied, String comment) {
    Ticket t = service.find(ticketNo).orElseThrow(() -> new TicketNotFoundException(ticketNo));
    if (!Objects.equals(channel, t.channel()) || !Objects.equals(userId, t.channelUserId())) {
      throw new TicketNotFoundException(ticketNo);
    }
    Ticket changed = service.act(
        ticketNo, new Command(Action.CALLBACK, actor(channel, userId), null, null, null, satisfied, null, comment));
    return view(changed, false);
  }

  private ChatTicket view(Ticket t, boolean duplicate) {
    Instant now = service.now();
    List<TicketEvent> events = service.get(t.ticketNo()).events();
    // internal notes and corrections are the office's business, not the parent's
    List<TicketEvent> visible = events.stream().filter(e -> !"note".equals(e.action()) && !"edit".equals(e.action())).toList();
    String parent = actor(t.channel(), t.channelUserId());
    String lastStep = visible.isEmpty() ? t.status().label() : step(visible.get(visible.size() - 1), parent);
    String reply = service.parentReply(t.ticketNo()).orElse(null);
    if (reply != null) {
      lastStep += "\n工作人员答复：" + reply;
    }
    return new ChatTicket(
        t.ticketNo(), t.status().wire(), t.status().label(),
        service.categories().find(t.category()).map(Category::name).orElse(t.category()), lastStep,
        DUE.format(t.dueAt()), t.overdueAt(now), duplicate, t.status() == TicketStatus.RESOLVED);
  }

  /**
   * "11月23日 10:00 派单" — what a parent can read about the last step. Operators' notes may hold
   * other people's numbers and are never shown; the parent's own words (their report, their 回访
   * comment) are. What operators want a parent to read goes in the reply to the parent.
   */
  static String step(TicketEvent e, String parentActor) {
    String what = "create".equals(e.action()) ? "受理" : "merged_in".equals(e.action()) ? "合并"
        : TicketService.LINKED.equals(e.action()) ? "关联聊天" : Action.valueOf(e.action().toUpperCase(Locale.ROOT)).label();
    boolean own = e.note() != null && e.actor() != null && e.actor().equals(parentActor);
    String note = own ? e.note() : "";
    // the create event's note already names the step ("受理：网页"): said once, not "受理：受理：网页"
    return TicketNotices.SHORT.format(e.at()) + " "
        + (note.startsWith(what + "：") ? note : what + (own ? "：" + note : ""));
  }

  private static String actor(String channel, String userId) {
    return DEFAULT_CALLER + "(" + channel + ":" + userId + ")";
  }
}
