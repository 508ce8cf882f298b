package aidline.conversation;

import aidline.knowledge.ChineseText;
import aidline.values.BoundedCache;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a message once into a {@link ChatReading}. Pure: the aid-status words come from
 * {@code lexicon.yaml} (data), everything else is fixed chat vocabulary.
 */
public final class ChatReader {
  /** Asking about an order is recognised here too, so it works whatever the engine makes of it. */
  private static final Pattern STATUS_QUESTION =
      Pattern.compile("(查询|查一?下|查查|看看?|我的).{0,3}工单|工单.{0,4}(进度|状态|怎么样|到哪|办得)");
  /** An order number as the desks issue them (JY20261130-0001), not a 学籍号 (G + 身份证号). */
  private static final Pattern ORDER_NO = Pattern.compile("[A-Z]{2,4}\\d{8}(-?\\d{3,5})?");
  private static final Pattern TICKET_NO = Pattern.compile("[A-Za-z]{0,4}-?\\d{6,}[-\\d]*");
  /**
   * A progress word: what became of something ("进展", "结果", "咋样了", "办好了吗", "有消息没").
   * Read together with {@link #EARLIER} or a number, or alone in a short message, so that a policy
   * question that happens to say "进度" is not taken for one.
   */
  private static final Pattern PROGRESS = Pattern.compile(
      "进展|进度|结果|回音|消息|下文|动静|着落|眉目|(咋|怎么|怎)(样|么样|弄)了|如何了|到哪一?步|"
          + "(办|处理|解决|弄|搞|落实)(好|完|妥|下来)?(了)?(吗|没|没有|不|了没)|(好|完)了(吗|没)");
  /** Points back at something the parent reported: "之前报的", "上回反映的", "我投诉的那件事", "工单". */
  private static final Pattern EARLIER = Pattern.compile(
      "(之前|以前|上回|上次|前几天|前些天|前阵子|早先|那天|昨天|上周|上个月|我)[^，。？?]{0,6}(报|反映|投诉|登记|提交|说|申请|留言|打电话|问)"
          + "|(报|反映|投诉|登记|提交)(的|过)|工单|单子|那件事|那个事|的事");
  /** A question: a question mark, a final particle or a question word. "好多" is dialect for 多少. */
  private static final Pattern QUESTION = Pattern.compile(
      "[?？]|[吗嘛呢么]$|多少|好多钱|好多补助|怎么|怎样|咋|什么|啥|为什么|为何|如何|哪[里儿个些年]|几[个岁年月号元块天]|"
          + "是否|能否|能不能|可不可以|有没有|是不是|会不会|要不要|行不行");
  private static final Set<String> SATISFIED = Set.of("满意", "非常满意", "很满意", "满意了");
  private static final Set<String> DISSATISFIED = Set.of("不满意", "很不满意", "非常不满意", "不太满意");

  /** Readings remembered by raw text: a reading is pure and parents repeat the same few questions. */
  static final int REMEMBERED = 4096;

  private final AidStatusQuestions aidStatus;
  private final BoundedCache<String, ChatReading> readings;

  public ChatReader(AidStatusQuestions aidStatus) {
    this(aidStatus, REMEMBERED);
  }

  /** @param remembered how many readings to keep (0: read every message afresh) */
  ChatReader(AidStatusQuestions aidStatus, int remembered) {
    this.aidStatus = aidStatus;
    this.readings = new BoundedCache<>(remembered);
  }

  /** The first number with letters (JY…), else the first number: "13812345678 JY20261130-0001" names the order. */
  private static String ticketNo(Matcher m) {
    String first = null;
    while (m.find()) {
      if (m.group().matches("[A-Za-z].*")) {
        return m.group().toUpperCase();
      }
      first = first == null ? m.group().toUpperCase() : first;
    }
    return first;
  }

  static boolean asksProgress(String text, boolean hasNumber) {
    if (!PROGRESS.matcher(text).find()) {
      return false;
    }
    return hasNumber || EARLIER.matcher(text).find() || text.length() <= 8;
  }

  public ChatReading read(String raw) {
    return readings.get(raw == null ? "" : raw, this::readNow);
  }

  private ChatReading readNow(String raw) {
    String text = ChineseText.normalize(raw).trim();
    String bare = TicketFormFlow.clean(text);
    Boolean satisfied = SATISFIED.contains(bare) ? Boolean.TRUE : DISSATISFIED.contains(bare) ? Boolean.FALSE : null;
    // an order number with its letters (JY…) asks about that order, whatever else the message says
    String number = ticketNo(TICKET_NO.matcher(text));
    return new ChatReading(
        text,
        bare,
        TicketFormFlow.YES.contains(bare),
        TicketFormFlow.NO.contains(bare),
        TicketFormFlow.CANCEL.contains(bare),
        bare.equals("人工") || bare.contains("转人工"),
        satisfied,
        STATUS_QUESTION.matcher(text).find() || (number != null && ORDER_NO.matcher(number).matches()),
        number,
        aidStatus.matches(text),
        asksProgress(text, number != null),
        QUESTION.matcher(bare).find());
  }
}
