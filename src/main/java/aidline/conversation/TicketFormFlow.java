package aidline.conversation;

import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The chat form for a work order, as a pure function: the form and the parent's answer in, the
 * next form (or a decision) and the question to ask out. No I/O, so every step is unit-testable.
 */
public final class TicketFormFlow {
  static final Set<String> CANCEL = Set.of("取消", "算了", "不用了", "退出", "不要了");
  static final Set<String> YES = Set.of("是", "是的", "确认", "对", "好", "好的", "可以", "需要", "要", "提交", "嗯", "确定");
  static final Set<String> NO = Set.of("否", "不", "不是", "不对", "不用", "不需要", "不要");
  static final Set<String> SKIP = Set.of("跳过", "没有", "不知道", "不清楚", "无");

  private static final Pattern REQUEST_WORDS =
      Pattern.compile("[我要想请帮找转接人工客服热线登记工单帮忙一下个的吧呢啊吗，。！？,.!?\\s]");
  private static final Pattern STUDENT_ID_LIKE = Pattern.compile("[Gg]?[0-9Xx]{10,19}");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");

  private final Regions regions;

  public TicketFormFlow(Regions regions) {
    this.regions = regions;
  }

  /** What to do after one answer: keep filling (prompt), submit the form, or drop it. */
  public record Outcome(TicketForm form, String prompt, Decision decision) {}

  public enum Decision {
    CONTINUE,
    SUBMIT,
    CANCELLED
  }

  /**
   * Starts a form from the message that asked for help; a bare "转人工" says nothing about the
   * problem, so the form then asks what happened first.
   */
  public Outcome start(String description, String category, String knownRegion) {
    boolean bare = REQUEST_WORDS.matcher(description == null ? "" : description).replaceAll("").length() < 4;
    TicketForm.Step first = bare ? TicketForm.Step.DESCRIPTION : TicketForm.Step.STUDENT;
    TicketForm f = new TicketForm(first, category, bare ? null : description, null, null, knownRegion);
    return new Outcome(f, "好的，我帮您登记一张工单，工作人员会电话联系您。\n" + ask(first), Decision.CONTINUE);
  }

  public Outcome next(TicketForm form, String answer) {
    String a = clean(answer);
    if (CANCEL.contains(a)) {
      return new Outcome(null, "已取消登记。还有其他问题可以随时问我。", Decision.CANCELLED);
    }
    return switch (form.step()) {
      case DESCRIPTION -> {
        if (a.length() < 4) {
          yield new Outcome(form, "请再具体说说，例如：哪项补助、哪个学期没有收到。", Decision.CONTINUE);
        }
        yield proceed(form.withDescription(a).at(TicketForm.Step.STUDENT));
      }
      case STUDENT -> {
        if (!SKIP.contains(a) && !a.isEmpty() && !looksLikeStudent(a)) {
          // a sentence is more about the problem than a name: keep it and ask again
          yield new Outcome(form.withDescription(form.description() + "；" + a),
              "已记下。请问孩子的姓名，或学籍号/身份证号？没有可回复“跳过”。", Decision.CONTINUE);
        }
        TicketForm f = SKIP.contains(a) || a.isEmpty() ? form : form.withStudent(a);
        yield proceed(f.at(TicketForm.Step.PHONE));
      }
      case PHONE -> {
        String digits = a.replaceAll("[\\s()（）]", "");
        if (!MOBILE.matcher(digits).matches() && !LANDLINE.matcher(digits).matches()) {
          yield new Outcome(form, "电话号码格式不对，请输入 11 位手机号（例如 13812345678）或带区号的座机号。", Decision.CONTINUE);
        }
        TicketForm f = form.withPhone(digits);
        yield proceed(f.region() == null ? f.at(TicketForm.Step.REGION) : f.at(TicketForm.Step.CONFIRM));
      }
      case REGION -> {
        Optional<Region> r = regions.resolve(a);
        if (r.isEmpty()) {
          yield new Outcome(form, "没有找到这个地区，请写出市和县，例如：岳阳市华容县。", Decision.CONTINUE);
        }
        yield proceed(form.withRegion(r.get().path()).at(TicketForm.Step.CONFIRM));
      }
      case CONFIRM -> {
        if (YES.contains(a)) {
          yield new Outcome(form, "", Decision.SUBMIT);
        }
        if (NO.contains(a)) {
          yield new Outcome(null, "好的，这张工单不提交了。还有其他问题可以随时问我。", Decision.CANCELLED);
        }
        yield new Outcome(form, "请回复“是”提交工单，或回复“否”放弃。", Decision.CONTINUE);
      }
    };
  }

  private Outcome proceed(TicketForm f) {
    return new Outcome(f, f.step() == TicketForm.Step.CONFIRM ? summary(f) : ask(f.step()), Decision.CONTINUE);
  }

  /** A name (up to 10 characters, e.g. 欧阳小明 or a minority name) or an ID-like string. */
  static boolean looksLikeStudent(String a) {
    return a.length() <= 10 || STUDENT_ID_LIKE.matcher(a).matches();
  }

  static String ask(TicketForm.Step step) {
    return switch (step) {
      case DESCRIPTION -> "请简单说说遇到了什么问题？（随时回复“取消”可放弃登记）";
      case STUDENT -> "请问孩子的姓名，或学籍号/身份证号？没有可回复“跳过”。（随时回复“取消”可放弃登记）";
      case PHONE -> "请留一个能接通的电话号码，方便工作人员回电。";
      case REGION -> "孩子在哪个市县上学？例如：岳阳市华容县。";
      case CONFIRM -> "";
    };
  }

  static String summary(TicketForm f) {
    return "请确认工单内容：\n问题：" + f.description()
        + "\n学生：" + (f.student() == null ? "未提供" : f.student())
        + "\n电话：" + masked(f.phone())
        + "\n地区：" + f.region()
        + "\n确认提交请回复“是”，放弃请回复“否”。";
  }

  static String masked(String phone) {
    if (phone == null || phone.length() < 7) {
      return phone;
    }
    return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
  }

  static String clean(String s) {
    if (s == null) {
      return "";
    }
    return s.trim().replaceAll("[。！!.，,~～\\s]+$", "");
  }
}
