package aidline.conversation;

import aidline.knowledge.ChineseText;
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
  private static final Pattern TICKET_NO = Pattern.compile("[A-Za-z]{0,4}-?\\d{6,}[-\\d]*");
  private static final Set<String> SATISFIED = Set.of("满意", "非常满意", "很满意", "满意了");
  private static final Set<String> DISSATISFIED = Set.of("不满意", "很不满意", "非常不满意", "不太满意");

  private final AidStatusQuestions aidStatus;

  public ChatReader(AidStatusQuestions aidStatus) {
    this.aidStatus = aidStatus;
  }

  public ChatReading read(String raw) {
    String text = ChineseText.normalize(raw == null ? "" : raw).trim();
    String bare = TicketFormFlow.clean(text);
    Boolean satisfied = SATISFIED.contains(bare) ? Boolean.TRUE : DISSATISFIED.contains(bare) ? Boolean.FALSE : null;
    Matcher no = TICKET_NO.matcher(text);
    return new ChatReading(
        text,
        bare,
        TicketFormFlow.YES.contains(bare),
        TicketFormFlow.NO.contains(bare),
        TicketFormFlow.CANCEL.contains(bare),
        bare.equals("人工") || bare.contains("转人工"),
        satisfied,
        STATUS_QUESTION.matcher(text).find(),
        no.find() ? no.group().toUpperCase() : null,
        aidStatus.matches(text));
  }
}
