package aidline.ticket;

import aidline.conversation.Notifier;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import aidline.storage.GroupCommitter;
import aidline.ticket.Command.Action;
import aidline.ticket.Lifecycle.Transition;
import aidline.values.Masking;
import aidline.values.NationalId;
import aidline.values.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Work orders: open (with duplicate detection), read, list, act, merge. Writes go through the
 * group committer and return only after the commit; parents are notified after it, and a failed
 * notification never undoes a committed change.
 */
public final class TicketService {
  public static final Set<String> CHANNELS = Set.of("hotline", "wechat", "telegram", "web");
  private static final int MAX_DESCRIPTION = 2000;
  /** Names (caller, department, assignee): generous for Chinese names and unit titles. */
  private static final int MAX_NAME = 50;
  private static final int MAX_ID = 128;
  static final int MAX_EXPORT = 50_000;

  private final TicketRepository repo;
  private final Lifecycle lifecycle;
  private final Categories categories;
  private final Regions regions;
  private final TicketNotices notices;
  private final Clock clock;

  public TicketService(
      Database db, Categories categories, WorkCalendar calendar, Regions regions, Notifier notifier, Clock clock) {
    this(new TicketRepository(db), categories, calendar, regions, notifier, clock);
  }

  public TicketService(
      TicketRepository repo, Categories categories, WorkCalendar calendar, Regions regions, Notifier notifier, Clock clock) {
    this.repo = repo;
    this.categories = categories;
    this.lifecycle = new Lifecycle(categories, calendar);
    this.regions = regions;
    this.notices = new TicketNotices(notifier, categories, this::parentReply);
    this.clock = clock;
  }

  /** An opened order, or the open one this request duplicates (with the call appended to it). */
  public record Opened(Ticket ticket, boolean duplicate) {}

  public Opened open(NewTicket req, String actor) {
    return open(req, actor, opened -> null);
  }

  /**
   * As above; {@code also} may give a row to write in the same transaction (the route's audit row of
   * the create), so the caller waits for one commit, not two. A failure of that row undoes the order.
   */
  public Opened open(NewTicket req, String actor, Function<Opened, Database.SqlWork<?>> also) {
    Ticket draft = validate(req);
    Instant now = clock.instant();
    return repo.write(tx -> {
      Optional<Ticket> dup = tx.findOpenDuplicate(
          draft.callerPhone(), draft.channel(), draft.channelUserId(), draft.studentId(), draft.category());
      if (dup.isPresent()) {
        Transition tr = lifecycle.next(dup.get(), Command.of(Action.CALL, actor).withNote(draft.description()), now);
        tx.update(tr.ticket(), dup.get().version());
        tx.addEvent(tr.event());
        return alsoWrite(tx, also, new Opened(tr.ticket(), true));
      }
      String no = tx.nextNumber(LocalDate.ofInstant(now, WorkCalendar.ZONE));
      Ticket t = new Ticket(
          no, draft.channel(), draft.callerName(), draft.callerPhone(), draft.channelUserId(), draft.region(),
          draft.studentId(), draft.category(), draft.priority(), draft.description(), null, null, TicketStatus.RECEIVED,
          null, null, 0, 0, null, lifecycle.dueAt(draft.category(), now), now, now, 1);
      tx.insert(t);
      tx.addEvent(new TicketEvent(no, "create", null, TicketStatus.RECEIVED, actor, now, "受理：" + ChannelNames.label(t.channel())));
      return alsoWrite(tx, also, new Opened(t, false));
    });
  }

  private static Opened alsoWrite(TicketRepository.Tx tx, Function<Opened, Database.SqlWork<?>> also, Opened opened) {
    Database.SqlWork<?> row = also.apply(opened);
    if (row != null) {
      tx.also(row);
    }
    return opened;
  }

  public TicketDetail get(String ticketNo) {
    return repo.detail(ticketNo).orElseThrow(() -> new TicketNotFoundException(ticketNo));
  }

  public Optional<Ticket> find(String ticketNo) {
    return repo.find(ticketNo);
  }

  public TicketPage list(TicketQuery q) {
    TicketQuery resolved = q.region() == null ? q : withRegion(q, resolveRegion(q.region()));
    return repo.list(resolved, clock.instant());
  }

  /** A student's orders (recorded under the 身份证号 or G + 身份证号), newest first, at most {@link TicketQuery#MAX_SIZE}. */
  public List<Ticket> forStudent(String nationalId) {
    return repo.forStudent(List.of(nationalId, "G" + nationalId), TicketQuery.MAX_SIZE);
  }

  /** Every match (up to {@value #MAX_EXPORT} rows), as CSV for staff. */
  public String exportCsv(TicketQuery q, Role role) {
    TicketQuery all = new TicketQuery(q.statuses(), q.overdueOnly(), q.category(), q.region(), q.department(), q.assignee(), q.q(), 1, MAX_EXPORT,
        q.byDeadline());
    return TicketCsv.render(list(all).items(), categories, clock.instant(), role);
  }

  /** Longest reply to a parent: it goes out as one chat message. */
  static final int MAX_PARENT_REPLY = 500;

  /** Records what the parent is told on chat about this order (operator notes never are). */
  public void replyToParent(String ticketNo, String text, String actor) {
    String t = trim(text);
    if (t == null) {
      throw new InvalidTicketException("给家长的答复（parentReply）不能为空");
    }
    limit(t, MAX_PARENT_REPLY, "给家长的答复（parentReply）");
    if (!repo.addParentReply(ticketNo, clock.instant(), actor == null ? "system" : actor, t)) {
      throw new TicketNotFoundException(ticketNo);
    }
  }

  /** The latest reply to the parent, if an operator wrote one. */
  public Optional<String> parentReply(String ticketNo) {
    return repo.parentReply(ticketNo);
  }


  /** The dashboard's work-order figures, the trend over the last {@code days} days. */
  public TicketFigures figures(int days) {
    return repo.figures(days, clock.instant());
  }

  /** The event of a hotline order linked to the parent's chat identity (not an operator action). */
  static final String LINKED = "linked";

  /**
   * Links a hotline order to the chat identity that proved it is theirs: from then on it is found,
   * told about and called back on that chat. The event keeps where it came from.
   */
  Ticket linkChat(String ticketNo, String channel, String userId, String actor) {
    Instant now = clock.instant();
    Ticket done = repo.write(tx -> {
      Ticket t = tx.find(ticketNo).orElseThrow(() -> new TicketNotFoundException(ticketNo));
      Ticket linked = new Ticket(
          t.ticketNo(), channel, t.callerName(), t.callerPhone(), userId,
          t.region(), t.studentId(), t.category(), t.priority(), t.description(),
          t.department(), t.assignee(), t.status(), t.resolution(), t.satisfaction(),
          t.reopenCount(), t.chaseCount(), t.mergedInto(), t.dueAt(), t.createdAt(), now,
          t.version() + 1);
      tx.update(linked, t.version());
      tx.linkChat(ticketNo, channel, userId);
      tx.addEvent(new TicketEvent(ticketNo, LINKED, t.status(), t.status(), actor, now,
          "热线工单经家长核对手机号，关联到" + ChannelNames.label(channel) + "聊天"));
      return linked;
    });
    return done;
  }

  public List<Ticket> forUser(String channel, String userId, int limit) {
    return repo.forUser(channel, userId, limit);
  }

  /** Applies one action; merge also records the merged order on the survivor. */
  public Ticket act(String ticketNo, Command cmd) {
    limit(cmd.note(), MAX_DESCRIPTION, "说明（note/reason/resolution/comment）");
    limit(cmd.department(), MAX_NAME, "承办部门（department）");
    limit(cmd.assignee(), MAX_NAME, "承办人（assignee）");
    limit(cmd.into(), MAX_ID, "合并目标工单号（into）");
    Instant now = clock.instant();
    Transition tr = repo.write(tx -> {
      Ticket t = tx.find(ticketNo).orElseThrow(() -> new TicketNotFoundException(ticketNo));
      Transition result = lifecycle.next(t, cmd, now);
      if (cmd.action() == Action.MERGE) {
        Ticket survivor = tx.find(cmd.into().trim()).orElseThrow(() -> new TicketNotFoundException(cmd.into().trim()));
        if (!survivor.status().isOpen()) {
          throw new IllegalTransitionException("保留的工单 " + survivor.ticketNo() + " 已「" + survivor.status().label() + "」，不能合并到它");
        }
        Ticket bumped = new Ticket(
            survivor.ticketNo(), survivor.channel(), survivor.callerName(), survivor.callerPhone(), survivor.channelUserId(),
            survivor.region(), survivor.studentId(), survivor.category(), survivor.priority(), survivor.description(),
            survivor.department(), survivor.assignee(), survivor.status(), survivor.resolution(), survivor.satisfaction(),
            survivor.reopenCount(), survivor.chaseCount(), survivor.mergedInto(), survivor.dueAt(), survivor.createdAt(), now,
            survivor.version() + 1);
        tx.update(bumped, survivor.version());
        tx.addEvent(new TicketEvent(
            survivor.ticketNo(), "merged_in", survivor.status(), survivor.status(), cmd.actor(), now,
            "合并入工单 " + t.ticketNo() + "（" + t.callerName() + "：" + t.description() + "）"));
      }
      tx.update(result.ticket(), t.version());
      tx.addEvent(result.event());
      return result;
    });
    notices.after(tr);
    return tr.ticket();
  }

  /**
   * A correction of what was taken down at the call (null = unchanged); validated like a new order.
   * The reason is required: the edit is an event with who and why.
   */
  public record Edit(String region, String category, String callerPhone, String studentId, String reason, Long version) {}

  /** Corrects region, category, phone or student of an open order; a stale version is refused. */
  public Ticket edit(String ticketNo, Edit e, String actor) {
    String reason = trim(e.reason());
    if (reason == null) {
      throw new InvalidTicketException("修改工单必须填写原因（reason）");
    }
    Instant now = clock.instant();
    return repo.write(tx -> {
      Ticket t = tx.find(ticketNo).orElseThrow(() -> new TicketNotFoundException(ticketNo));
      if (e.version() != null && e.version() != t.version()) {
        throw new StaleVersionException(
            "工单 " + t.ticketNo() + " 已被他人修改（当前版本 " + t.version() + "，您提交的版本 " + e.version() + "），请刷新后重试");
      }
      if (!t.status().isOpen()) {
        throw new IllegalTransitionException("工单 " + t.ticketNo() + " 已「" + t.status().label() + "」，不能再修改");
      }
      Ticket.Builder b = t.toBuilder();
      List<String> changes = new ArrayList<>();
      if (trim(e.region()) != null) {
        String region = resolveRegion(trim(e.region()));
        if (!region.equals(t.region())) {
          b.region(region);
          changes.add("地区 " + t.region() + " → " + region);
        }
      }
      if (trim(e.category()) != null) {
        Category c = categories.require(trim(e.category()));
        if (!c.code().equals(t.category())) {
          b.category(c.code(), c.priority());
          changes.add("分类 " + categories.find(t.category()).map(Category::name).orElse(t.category()) + " → " + c.name());
        }
      }
      if (trim(e.callerPhone()) != null) {
        String phone = Phones.normalize(e.callerPhone())
            .orElseThrow(() -> new InvalidTicketException("联系电话不正确：请填写 11 位手机号或带区号的固定电话（如 0730-8221234）"));
        if (!phone.equals(t.callerPhone())) {
          b.callerPhone(phone);
          changes.add("联系电话 " + Masking.phone(t.callerPhone(), null) + " → " + Masking.phone(phone, null));
        }
      }
      if (trim(e.studentId()) != null) {
        String id = normalizeStudentId(trim(e.studentId()));
        if (!id.equals(t.studentId())) {
          b.studentId(id);
          changes.add("学生 " + historyId(t.studentId()) + " → " + historyId(id));
        }
      }
      if (changes.isEmpty()) {
        throw new InvalidTicketException("没有需要修改的内容");
      }
      Ticket changed = b.build(now);
      tx.update(changed, t.version());
      tx.addEvent(new TicketEvent(t.ticketNo(), "edit", t.status(), t.status(), actor, now,
          String.join("；", changes) + "。原因：" + reason));
      return changed;
    });
  }

  /** History notes never carry a whole 身份证号: the one masking rule, for every role. */
  private static String historyId(String id) {
    return id == null ? "无" : Masking.studentNo(id, null);
  }

  /** Mean number of writes per commit so far (group commit at work), for the bench report. */
  public double meanWritesPerCommit() {
    GroupCommitter.Stats s = repo.writeStats();
    return s.commits() == 0 ? 0 : (double) s.writes() / s.commits();
  }

  public Categories categories() {
    return categories;
  }

  public Instant now() {
    return clock.instant();
  }

  private Ticket validate(NewTicket r) {
    String channel = trim(r.channel());
    if (channel == null || !CHANNELS.contains(channel.toLowerCase(Locale.ROOT))) {
      throw new InvalidTicketException("来源渠道 channel 必须是 hotline、wechat、telegram 或 web 之一");
    }
    channel = channel.toLowerCase(Locale.ROOT);
    String name = trim(r.callerName());
    if (name == null) {
      throw new InvalidTicketException("请填写来电人姓名（callerName）");
    }
    limit(name, MAX_NAME, "来电人姓名（callerName）");
    limit(r.channelUserId(), MAX_ID, "渠道用户标识（channelUserId）");
    String phone = Phones.normalize(r.callerPhone())
        .orElseThrow(() -> new InvalidTicketException("联系电话不正确：请填写 11 位手机号或带区号的固定电话（如 0730-8221234）"));
    String userId = trim(r.channelUserId());
    String region = trim(r.region());
    if (region == null) {
      if (userId == null) {
        throw new InvalidTicketException("请填写所在地区（region），如 湖南省岳阳市华容县");
      }
      region = ""; // a parent on chat may not say where; the operator fills it in on the call-back
    } else {
      region = resolveRegion(region);
    }
    String studentId = trim(r.studentId());
    if (studentId != null) {
      studentId = normalizeStudentId(studentId);
    }
    Category category = categories.require(trim(r.category()));
    String description = trim(r.description());
    if (description == null) {
      throw new InvalidTicketException("请填写问题描述（description）");
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new InvalidTicketException("问题描述过长（最多 " + MAX_DESCRIPTION + " 字）");
    }
    return new Ticket(null, channel, name, phone, userId, region, studentId, category.code(), category.priority(),
        description, null, null, TicketStatus.RECEIVED, null, null, 0, 0, null, null, null, null, 0);
  }

  /** 身份证号 (18 位, GB 11643 check digit) or 学籍号 (G + 身份证号). */
  static String normalizeStudentId(String raw) {
    String s = raw.replace(" ", "").toUpperCase(Locale.ROOT);
    boolean studentNo = s.startsWith("G");
    Optional<NationalId> id = NationalId.tryParse(studentNo ? s.substring(1) : s);
    if (id.isEmpty()) {
      throw new InvalidTicketException("学生身份证号或学籍号不正确（应为 18 位身份证号，或 G 加 18 位身份证号，校验位需正确）");
    }
    return (studentNo ? "G" : "") + id.get().value();
  }

  private String resolveRegion(String text) {
    return regions.resolve(text).map(Region::path)
        .orElseThrow(() -> new InvalidTicketException("地区「" + text + "」不在服务范围内，请填写省、市、县名称，如 湖南省岳阳市华容县"));
  }

  private static TicketQuery withRegion(TicketQuery q, String region) {
    return new TicketQuery(q.statuses(), q.overdueOnly(), q.category(), region, q.department(), q.assignee(), q.q(), q.page(), q.size(),
        q.byDeadline());
  }

  /** Every free-text field has a ceiling, so a 1 MB name cannot fill lists, exports and SMS. */
  private static void limit(String value, int max, String field) {
    if (value != null && value.length() > max) {
      throw new InvalidTicketException(field + "过长（最多 " + max + " 字）");
    }
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
