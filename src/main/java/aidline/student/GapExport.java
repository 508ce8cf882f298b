package aidline.student;

import aidline.values.Masking;
import aidline.answer.Citation;
import aidline.values.Role;
import java.util.List;

/** The gap report as JSON rows or as a CSV that opens cleanly in Excel (UTF-8 with BOM). */
public final class GapExport {
  private GapExport() {}

  public record Json(String schoolYear, String region, int count, boolean truncated, List<Row> students) {}

  public record Row(StudentView.Card student, List<StudentView.GapView> gaps) {}

  public static Json json(StudentService.GapReport r, Role role) {
    List<Row> rows = r.rows().stream()
        .map(g -> new Row(StudentView.Card.of(g.student(), role), g.gaps().stream().map(StudentView.GapView::of).toList()))
        .toList();
    return new Json(r.schoolYear(), r.regionPath(), rows.size(), r.truncated(), rows);
  }

  public static String csv(StudentService.GapReport r, Role role) {
    StringBuilder sb = new StringBuilder("\uFEFF");
    line(sb, "身份证号", "姓名", "学校", "学段", "年级", "户籍地", "学年", "资助项目", "应享金额", "单位", "当前环节", "情况", "政策依据");
    for (StudentService.GapRow row : r.rows()) {
      StudentProfile s = row.student();
      for (Gap g : row.gaps()) {
        Entitlement e = g.entitlement();
        line(sb, Masking.nationalId(s.nationalId(), role), s.name(), s.school(), s.stage().label(), s.grade(), s.region(),
            g.schoolYear(), e.item(), e.amount().toPlainString(), e.unit(), g.step() == null ? "无记录" : g.step().label(),
            g.reason(), source(e.citation()));
      }
    }
    return sb.toString();
  }

  private static String source(Citation c) {
    if (c == null) {
      return "";
    }
    return (c.docNumber() == null || c.docNumber().isBlank() ? c.title() : c.title() + "（" + c.docNumber() + "）")
        + (c.section() == null || c.section().isBlank() ? "" : " " + c.section());
  }

  private static void line(StringBuilder sb, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells[i] == null ? "" : cells[i];
      // a leading = + - @ would make Excel evaluate the cell as a formula
      if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0) {
        c = "'" + c;
      }
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        c = '"' + c.replace("\"", "\"\"") + '"';
      }
      sb.append(c);
    }
    sb.append("\r\n");
  }
}
