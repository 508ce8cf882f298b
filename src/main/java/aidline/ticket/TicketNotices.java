package aidline.ticket;

import aidline.conversation.Notifier;
import aidline.ticket.Lifecycle.Transition;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a parent who opened an order from chat about the changes they care about (dispatched,
 * resolved — asking 满意/不满意 —, reopened, cancelled, merged). Runs after the commit; a failure is
 * logged and swallowed, because the change itself has already happened. Operators' notes
 * (resolution, reasons) are never sent: they may hold other people's numbers (issue 15, H1); the
 * reply to the parent, when an operator wrote one, is.
 */
final class TicketNotices {
  private static final Logger log = LoggerFactory.getLogger(TicketNotices.class);
  private static final Set<String> CHAT = Set.of("wechat", "telegram", "web");
  static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(WorkCalendar.ZONE);

  private final Notifier notifier;
  private final Categories categories;

  private final Function<String, Optional<String>> replies;

  TicketNotices(Notifier notifier, Categories categories, Function<String, Optional<String>> replies) {
    this.notifier = notifier;
    this.categories = categories;
    this.replies = replies;
  }

  void after(Transition tr) {
    Ticket t = tr.ticket();
    if (t.channelUserId() == null || !CHAT.contains(t.channel())) {
      return;
    }
    String text = text(tr);
    if (text == null) {
      return;
    }
    try {
      notifier.notify(t.channel(), t.channelUserId(), text);
    } catch (RuntimeException e) {
      log.warn("notifying {} about {} failed: {}", t.channel(), t.ticketNo(), e.toString());
    }
  }

  String text(Transition tr) {
    Ticket t = tr.ticket();
    // the parent reply is read only for the notices that carry it
    Supplier<String> reply = () -> replies.apply(t.ticketNo()).map(r -> "\n工作人员答复：" + r).orElse("");
    String head = "您的工单 " + t.ticketNo() + "（" + categories.byCode(t.category()).name() + "）";
    return switch (tr.event().action()) {
      case "dispatch" -> head + "已转交" + t.department() + "办理，办理时限至 " + SHORT.format(t.dueAt()) + "。";
      case "accept" -> head + "已由" + t.department() + "签收。" + reply.get();
      case "start" -> head + "办理中：工作人员已开始办理。" + reply.get();
      case "return" -> head + "正在重新派单，我们会继续跟进。";
      case "resolve" -> head + "已办结。" + reply.get()
          + "\n请回复“满意”或“不满意”。如不满意，我们将重新办理。";
      case "callback" -> t.status() == TicketStatus.IN_PROGRESS
          ? head + "已重新办理，新的办理时限至 " + SHORT.format(t.dueAt()) + "，我们会继续跟进直到您满意。"
          : head + "已关闭，感谢您的评价。";
      case "cancel" -> head + "已撤销。" + reply.get() + "\n如仍需帮助，请再次联系我们。";
      case "merge" -> head + "已与工单 " + t.mergedInto() + " 合并办理，请以 " + t.mergedInto() + " 查询进度。";
      default -> null;
    };
  }
}
