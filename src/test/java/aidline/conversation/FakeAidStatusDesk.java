package aidline.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory aid-status desk for bot tests: one child on record, a lock after {@code maxFailures}
 * failures per chat user. The ID check is a shape check only; the real one is the student package's.
 */
public final class FakeAidStatusDesk implements AidStatusDesk {
  public static final String ID = "43062320150305001X";
  public static final String PHONE = "13800000001";
  public static final String LINE = "已核对身份。本学年（2026-2027）资助情况：寄宿生生活补助 已发放。";

  public final List<String> calls = new ArrayList<>();
  private final int maxFailures;
  private final java.util.Map<String, Integer> failures = new java.util.HashMap<>();

  public FakeAidStatusDesk(int maxFailures) {
    this.maxFailures = maxFailures;
  }

  @Override
  public Optional<String> idProblem(String nationalId) {
    return nationalId.matches("\\d{17}[\\dXx]") ? Optional.empty() : Optional.of("身份证号应为18位");
  }

  @Override
  public synchronized boolean locked(String chatUser, String source) {
    return failures.getOrDefault(chatUser, 0) >= maxFailures;
  }

  @Override
  public synchronized StatusLine status(String chatUser, String source, String nationalId, String phone) {
    calls.add(chatUser + "|" + nationalId + "|" + phone);
    if (locked(chatUser, source)) {
      return new StatusLine(false, true, "locked");
    }
    if (ID.equals(nationalId) && PHONE.equals(phone.replaceAll("\\D", ""))) {
      return new StatusLine(true, false, LINE);
    }
    failures.merge(chatUser, 1, Integer::sum);
    return new StatusLine(false, false, "not verified");
  }
}
