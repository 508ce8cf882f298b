package aidline.student;

import aidline.knowledge.ChineseText;
import aidline.values.InvalidNationalIdException;
import aidline.values.NationalId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "我家孩子的补助发了吗" on chat. The child's 身份证号 and the guardian phone on record must both
 * match; a failure never says which part was wrong. Failures are counted in the database per chat
 * identity, per source address when the channel knows one, and per student ID tried (so a new
 * chat user id, or many of them, do not reset it): {@link #MAX_FAILURES} per hour on any key locks
 * it (issue 15, M1). Every failure and refusal is audited. The reply is one line of item statuses: no name, no school, no amounts (an
 * amount the bot states must be cited from policy, and these are record amounts).
 */
public final class ParentStatusService {
  static final int MAX_FAILURES = 5;
  static final int MAX_FAILURES_PER_SOURCE = 20;
  static final Duration WINDOW = Duration.ofHours(1);
  static final String NOT_VERIFIED =
      "身份证号或监护人手机号与学校登记的信息不一致，无法查询。请核对后再试；也可以回复「人工」，我们为您登记工单。";
  static final String LOCKED = "核对失败次数过多，请1小时后再试；如需帮助，可以回复「人工」，我们为您登记工单。";

  /** @param offerTicket true when the bot should offer to open a work order instead */
  public record Reply(boolean verified, String text, boolean offerTicket) {}

  private final StudentRepository repository;
  private final EntitlementRules rules;
  private final LookupAudit audit;
  private final Clock clock;

  public ParentStatusService(StudentRepository repository, EntitlementRules rules, LookupAudit audit, Clock clock) {
    this.repository = repository;
    this.rules = rules;
    this.audit = audit;
    this.clock = clock;
  }

  /** True while the chat user (or its address) has used up its failures, so the bot need not ask for an ID first. */
  public boolean locked(String chatUser, String source) {
    return over(keys(chatUser, source, null), clock.instant().minus(WINDOW));
  }

  /** @param chatUser channel-qualified user id (wechat:openid), the key of the rate limit */
  public Reply status(String chatUser, String nationalIdText, String phoneText) {
    return status(chatUser, null, nationalIdText, phoneText);
  }

  /** @param source the client address when the channel knows it (web chat), else null */
  public Reply status(String chatUser, String source, String nationalIdText, String phoneText) {
    String id = normalized(nationalIdText);
    List<String> keys = keys(chatUser, source, id);
    Instant now = clock.instant();
    if (over(keys, now.minus(WINDOW))) {
      audit.record(chatUser, null, "student.parent_status.locked", id);
      return new Reply(false, LOCKED, true);
    }
    StudentProfile s = verified(nationalIdText, phoneText);
    if (s == null) {
      repository.recordParentFailure(keys, now, now.minus(WINDOW));
      audit.record(chatUser, null, "student.parent_status.failed", id);
      return new Reply(false, NOT_VERIFIED, true);
    }
    audit.record(chatUser, null, "student.parent_status", s.nationalId());
    String year = SchoolYear.current(clock);
    return new Reply(true, line(year, rules.entitlementsFor(s, year), repository.aidRecords(s.nationalId())), false);
  }

  /**
   * Many parents can share one address (school Wi-Fi, carrier NAT), so an address gets
   * {@link #MAX_FAILURES_PER_SOURCE}; a chat identity and a student ID get {@link #MAX_FAILURES}.
   */
  private boolean over(List<String> keys, Instant since) {
    for (String k : keys) {
      int max = k.startsWith("ip:") ? MAX_FAILURES_PER_SOURCE : MAX_FAILURES;
      if (repository.parentFailures(List.of(k), since) >= max) {
        return true;
      }
    }
    return false;
  }

  private static List<String> keys(String chatUser, String source, String id) {
    List<String> keys = new ArrayList<>();
    keys.add("user:" + chatUser);
    if (source != null && !source.isBlank()) {
      keys.add("ip:" + source);
    }
    if (id != null) {
      keys.add("id:" + id);
    }
    return keys;
  }

  private static String normalized(String nationalIdText) {
    try {
      return NationalId.parse(nationalIdText).value();
    } catch (InvalidNationalIdException e) {
      return null;
    }
  }

  private StudentProfile verified(String nationalIdText, String phoneText) {
    String id;
    try {
      id = NationalId.parse(nationalIdText).value();
    } catch (InvalidNationalIdException e) {
      return null;
    }
    StudentProfile s = repository.findByNationalId(id).orElse(null);
    String phone = digits(phoneText);
    if (s == null || s.guardianPhone().isEmpty() || phone.isEmpty() || !digits(s.guardianPhone()).equals(phone)) {
      return null;
    }
    return s;
  }

  private static String digits(String s) {
    String d = s == null ? "" : ChineseText.halfWidth(s).replaceAll("\\D", "");
    return d.startsWith("86") && d.length() == 13 ? d.substring(2) : d;
  }

  /** 本学年（2026-2027）资助情况：寄宿生生活补助 已发放；国家助学金 停在「公示」环节。 */
  static String line(String year, List<Entitlement> entitlements, List<AidRecord> records) {
    Map<String, String> status = new LinkedHashMap<>();
    for (AidRecord r : records) {
      if (r.schoolYear().equals(year)) {
        String s = r.status().disbursed() ? "已发放" : r.status() == AidStatus.REJECTED ? "未通过" : "停在「" + r.status().label() + "」环节";
        status.merge(r.item(), ("全年".equals(r.term()) ? "" : r.term()) + s, (a, b) -> a + "、" + b);
      }
    }
    for (Entitlement e : entitlements) {
      boolean known = status.keySet().stream().anyMatch(item -> GapFinder.sameItem(item, e.item()));
      if (!known) {
        status.put(e.item(), "暂无申请记录");
      }
    }
    if (status.isEmpty()) {
      return "已核对身份。本学年（" + year + "）暂无该学生的资助记录；如有疑问可以回复「人工」登记工单。";
    }
    List<String> parts = new ArrayList<>();
    status.forEach((item, s) -> parts.add(item + " " + s));
    return "已核对身份。本学年（" + year + "）资助情况：" + String.join("；", parts) + "。如有疑问可以回复「人工」登记工单。";
  }
}
