package aidline.conversation;

import java.util.Optional;
import java.util.function.Function;

/**
 * The identity check before an aid-status answer, as a pure function beside {@link TicketFormFlow}:
 * the form and the reading in, the next form (or a decision) and what to say out. The bot asks the
 * {@link AidStatusDesk} only when this flow says {@link Decision#CHECK}.
 */
public final class StatusFormFlow {
  /** Neither says which of the two answers was wrong: that would help someone guessing. */
  static final String NOT_VERIFIED =
      "抱歉，身份证号和监护人手机号未能核对通过，无法查询。请核对后重新提问；或者回复“是”转人工，为您登记工单，工作人员会电话联系您。";
  static final String LOCKED =
      "核对未通过的次数过多，请1小时后再试；或者回复“是”转人工，为您登记工单，工作人员会电话联系您。";

  private final Function<String, Optional<String>> idProblem;

  /** @param idProblem why a text is not a well-formed 身份证号 (format only), or empty */
  public StatusFormFlow(Function<String, Optional<String>> idProblem) {
    this.idProblem = idProblem;
  }

  /**
   * @param form the form to keep (null once finished or cancelled)
   * @param prompt what to say
   * @param decision CONTINUE: keep asking; CHECK: ask the desk with {@code phone}; CANCELLED;
   *     HANDOFF: the parent wants a person, open a work order about {@code form.question()}
   */
  public record Outcome(StatusForm form, String prompt, Decision decision, String phone) {}

  public enum Decision {
    CONTINUE,
    CHECK,
    CANCELLED,
    HANDOFF,
    DIGRESS
  }

  public Outcome start(String question) {
    return new Outcome(new StatusForm(StatusForm.Step.NATIONAL_ID, question, null),
        "查询孩子的资助发放情况，需要先核对身份。\n请输入孩子的18位身份证号。（随时回复“取消”可退出）", Decision.CONTINUE, null);
  }

  public Outcome next(StatusForm f, ChatReading r) {
    String a = r.bare();
    if (r.cancel()) {
      return new Outcome(null, "已取消查询。还有其他问题可以随时问我。", Decision.CANCELLED, null);
    }
    if (r.wantsPerson()) {
      return new Outcome(f, "", Decision.HANDOFF, null);
    }
    if (r.digression() && !r.asksAidStatus() && !a.matches(".*\\d{7,}.*")) {
      // a question, not an answer: the bot answers it and this line brings the parent back
      return new Outcome(f, resume(f), Decision.DIGRESS, null);
    }
    if (f.step() == StatusForm.Step.NATIONAL_ID) {
      String id = a.replaceAll("[\\s-]", "");
      Optional<String> problem = idProblem.apply(id);
      if (problem.isPresent()) {
        // only the format is judged here; whether the child is on record is never said on its own
        return new Outcome(f, problem.get() + "。请重新输入孩子的18位身份证号，或回复“取消”退出。", Decision.CONTINUE, null);
      }
      StatusForm next = new StatusForm(StatusForm.Step.PHONE, f.question(), id.toUpperCase());
      return new Outcome(next, "已收到身份证号 " + maskedId(next.nationalId()) + "。\n请输入在学校登记的监护人手机号。",
          Decision.CONTINUE, null);
    }
    if (a.replaceAll("\\D", "").length() < 7) {
      return new Outcome(f, "请输入在学校登记的监护人手机号（11位），或回复“取消”退出。", Decision.CONTINUE, null);
    }
    return new Outcome(f, "", Decision.CHECK, a);
  }

  static String resume(StatusForm f) {
    String what = f.step() == StatusForm.Step.NATIONAL_ID ? "孩子的18位身份证号" : "在学校登记的监护人手机号";
    return TicketFormFlow.resumeLine(what);
  }

  /** What to say once the desk answered: its line if verified, else one neutral refusal. */
  public static String verdict(AidStatusDesk.StatusLine line) {
    return line.verified() ? line.text() : line.locked() ? LOCKED : NOT_VERIFIED;
  }

  /** 430621********123X: enough for the parent to see which number was taken, not the number. */
  static String maskedId(String id) {
    return id.length() == 18 ? id.substring(0, 6) + "********" + id.substring(14) : "（已收到）";
  }
}
