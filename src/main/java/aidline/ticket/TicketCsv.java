package aidline.ticket;

import aidline.values.Masking;
import aidline.values.Role;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * CSV export for staff: UTF-8 with a BOM so Excel opens the Chinese columns correctly. Phones,
 * 身份证号 and numbers in free text follow {@link aidline.values.Masking}.
 */
final class TicketCsv {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkCalendar.ZONE);
  private static final List<String> HEADER = List.of(
      "工单号", "渠道", "来电人", "联系电话", "地区", "学生证件号", "分类", "优先级", "问题描述", "承办部门", "承办人",
      "状态", "办理结果", "满意度", "重办次数", "催办次数", "合并至", "办理时限", "是否超期", "受理时间", "更新时间");

  private TicketCsv() {}

  static String render(List<Ticket> tickets, Categories categories, Instant now, Role role) {
    StringBuilder out = new StringBuilder("\uFEFF");
    line(out, HEADER);
    for (Ticket t : tickets) {
      line(out, List.of(
          t.ticketNo(), ChannelNames.label(t.channel()), t.callerName(),
          Masking.phone(t.callerPhone(), role), t.region(),
          nz(Masking.studentNo(t.studentId(), role)),
          categories.find(t.category()).map(Category::name).orElse(t.category()), t.priority(),
          Masking.text(t.description(), role), nz(t.department()), nz(t.assignee()), t.status().label(),
          nz(Masking.text(t.resolution(), role)),
          satisfaction(t.satisfaction()), Integer.toString(t.reopenCount()), Integer.toString(t.chaseCount()),
          nz(t.mergedInto()), TIME.format(t.dueAt()), t.overdueAt(now) ? "是" : "否", TIME.format(t.createdAt()),
          TIME.format(t.updatedAt())));
    }
    return out.toString();
  }

  private static String satisfaction(String s) {
    return s == null ? "" : "satisfied".equals(s) ? "满意" : "不满意";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(escape(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** RFC 4180 quoting, and a leading quote on =+-@ so a spreadsheet never runs a cell as a formula. */
  static String escape(String v) {
    String s = v;
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
