package aidline.conversation;

import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
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

  /** A mobile or landline inside a text. */
  static final Pattern PHONE_IN = Pattern.compile("(?<!\\d)(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})(?!\\d)");
  /** "学生是欧阳小明", "名字改成张三", "孩子叫李四": group 1 is the new value. */
  private static final Pattern STUDENT_FIX =
      Pattern.compile("(?:学生|孩子|姓名|名字)(?:姓名|名字)?(?:是|叫|改成|改为|换成|应该是)[：:]?\\s*(.+)$");
  /** Words around a place in a correction: "地区改成岳阳市临湘市" → 岳阳市临湘市. */
  private static final Pattern PLACE_WORDS =
      Pattern.compile("^(不对|不是|错了)?[，,]?(地区|地址|地方|学校在|在|是|市县)?(改成|改为|换成|应该是|是|在)?[：:]?|[的上学读书]+$");
  private static final ChatReader PLAIN = new ChatReader(AidStatusQuestions.none());

  private final Regions regions;

  public TicketFormFlow(Regions regions) {
    this.regions = regions;
  }

  /**
   * What to do after one answer: keep filling (prompt), submit the form, drop it, or DIGRESS: the
   * message is a question or another intent, not an answer; the form is kept as it was, the bot
   * answers the message and then {@link #resume(TicketForm)} asks for the field again.
   */
  public record Outcome(TicketForm form, String prompt, Decision decision) {}

  public enum Decision {
    CONTINUE,
    SUBMIT,
    CANCELLED,
    DIGRESS
  }

  /**
   * Starts a form from the message that asked for help; a bare "转人工" says nothing about the
   * problem, so the form then asks what happened first. A place named in the report is the order's
   * region; otherwise {@code knownRegion} (from earlier questions) is only carried, to be confirmed.
   */
  public Outcome start(String description, String category, String knownRegion) {
    String d = description == null ? "" : description;
    boolean bare = REQUEST_WORDS.matcher(d).replaceAll("").length() < 4;
    TicketForm.Step first = bare ? TicketForm.Step.DESCRIPTION : TicketForm.Step.STUDENT;
    Optional<Region> named = bare ? Optional.empty() : place(d);
    String region = named.map(Region::path).orElse(knownRegion);
    TicketForm f = new TicketForm(first, category, bare ? null : description, null, null, region,
        named.isEmpty() && knownRegion != null);
    return new Outcome(f, "好的，我帮您登记一张工单，工作人员会电话联系您。\n" + ask(first), Decision.CONTINUE);
  }

  /** For tests and callers holding plain text: reads it without aid-status vocabulary. */
  public Outcome next(TicketForm form, String answer) {
    return next(form, PLAIN.read(answer));
  }

  public Outcome next(TicketForm form, ChatReading r) {
    String a = r.bare();
    if (r.cancel()) {
      return new Outcome(null, "已取消登记。还有其他问题可以随时问我。", Decision.CANCELLED);
    }
    return switch (form.step()) {
      case DESCRIPTION -> {
        // a question here is usually the problem itself ("为什么补助还没到"); only another intent digresses
        if (r.asksTicketStatus() || r.asksProgress() || r.asksAidStatus()) {
          yield digress(form);
        }
        if (a.length() < 4) {
          yield new Outcome(form, "请再具体说说，例如：哪项补助、哪个学期没有收到。", Decision.CONTINUE);
        }
        yield proceed(form.withDescription(a).at(TicketForm.Step.STUDENT));
      }
      case STUDENT -> {
        if (r.digression() && !STUDENT_ID_LIKE.matcher(a).matches()) {
          yield digress(form);
        }
        if (!SKIP.contains(a) && !a.isEmpty() && !looksLikeStudent(a)) {
          // a sentence is more about the problem than a name: keep it and ask again
          yield new Outcome(form.withDescription(form.description() + "；" + a),
              "已记下。请问孩子的姓名，或学籍号/身份证号？没有可回复“跳过”。", Decision.CONTINUE);
        }
        TicketForm f = SKIP.contains(a) || a.isEmpty() ? form : form.withStudent(a);
        yield proceed(f.at(TicketForm.Step.PHONE));
      }
      case PHONE -> {
        Optional<String> phone = phoneIn(a, true);
        if (phone.isEmpty()) {
          yield r.digression() ? digress(form)
              : new Outcome(form, "电话号码格式不对，请输入 11 位手机号（例如 13812345678）或带区号的座机号。", Decision.CONTINUE);
        }
        TicketForm f = form.withPhone(phone.get());
        yield proceed(f.region() == null || f.carried() ? f.at(TicketForm.Step.REGION) : f.at(TicketForm.Step.CONFIRM));
      }
      case REGION -> {
        if (form.carried() && r.yes()) {
          yield proceed(form.withRegion(form.region()).at(TicketForm.Step.CONFIRM));
        }
        Optional<Region> p = r.digression() ? Optional.empty() : place(a);
        if (p.isEmpty()) {
          yield r.digression() ? digress(form)
              : new Outcome(form, "没有找到这个地区，请写出市和县，例如：岳阳市华容县。", Decision.CONTINUE);
        }
        yield proceed(form.withRegion(p.get().path()).at(TicketForm.Step.CONFIRM));
      }
      case CONFIRM -> confirm(form, r);
    };
  }

  /** 是 submits, 否 drops; a new phone, student or place corrects that field and asks again. */
  private Outcome confirm(TicketForm form, ChatReading r) {
    String a = r.bare();
    if (r.yes()) {
      return new Outcome(form, "", Decision.SUBMIT);
    }
    if (r.no()) {
      return new Outcome(null, "好的，这张工单不提交了。还有其他问题可以随时问我。", Decision.CANCELLED);
    }
    Optional<String> phone = phoneIn(a, false);
    if (phone.isPresent()) {
      return corrected(form.withPhone(phone.get()));
    }
    Matcher student = STUDENT_FIX.matcher(a);
    if (student.find() && !student.group(1).isBlank() && looksLikeStudent(student.group(1))) {
      return corrected(form.withStudent(student.group(1)));
    }
    if (!r.question()) {
      Optional<Region> p = place(a);
      if (p.isPresent()) {
        return corrected(form.withRegion(p.get().path()));
      }
    }
    if (r.digression()) {
      return digress(form);
    }
    return new Outcome(form, "请回复“是”提交工单，或回复“否”放弃。需要修改可以直接说，例如：地区改成岳阳市临湘市、电话是13812345678。",
        Decision.CONTINUE);
  }

  private Outcome corrected(TicketForm f) {
    return new Outcome(f, "已修改。" + summary(f), Decision.CONTINUE);
  }

  private static Outcome digress(TicketForm form) {
    return new Outcome(form, resume(form), Decision.DIGRESS);
  }

  /** The one line that brings the parent back to the form after a digression. */
  public static String resume(TicketForm f) {
    String what = switch (f.step()) {
      case DESCRIPTION -> "遇到了什么问题";
      case STUDENT -> "孩子的姓名，或学籍号/身份证号（没有可回复“跳过”）";
      case PHONE -> "一个能接通的电话号码";
      case REGION -> f.carried() ? "孩子是否在" + f.region() + "上学（是请回复“是”，不是请写出市县）" : "孩子在哪个市县上学";
      case CONFIRM -> "是否提交这张工单（回复“是”提交）";
    };
    return resumeLine(what);
  }

  /** The resume line of any form: what the form still waits for, and the way out. */
  static String resumeLine(String what) {
    return "刚才的登记还没完成，请继续告诉我" + what + "。（回复“取消”放弃）";
  }

  /** The place a text names, by the regions list only (never a guess from a suffix). */
  private Optional<Region> place(String text) {
    String t = PLACE_WORDS.matcher(text).replaceAll("");
    if (t.isEmpty()) {
      return Optional.empty();
    }
    return regions.resolve(t);
  }

  /** A phone number: the whole answer ({@code whole}), or one written inside a correction. */
  private static Optional<String> phoneIn(String a, boolean whole) {
    String digits = a.replaceAll("[\\s()（）]", "");
    if (MOBILE.matcher(digits).matches() || LANDLINE.matcher(digits).matches()) {
      return Optional.of(digits);
    }
    if (whole) {
      return Optional.empty();
    }
    Matcher m = PHONE_IN.matcher(digits);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  private Outcome proceed(TicketForm f) {
    String prompt = f.step() == TicketForm.Step.CONFIRM ? summary(f)
        : f.step() == TicketForm.Step.REGION && f.carried()
            ? "您之前问的是" + f.region() + "。孩子是在这里上学吗？是请回复“是”，不是请写出市县，例如：岳阳市华容县。"
            : ask(f.step());
    return new Outcome(f, prompt, Decision.CONTINUE);
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
        + "\n确认提交请回复“是”，放弃请回复“否”；要修改可直接说，例如“地区改成岳阳市临湘市”。";
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
