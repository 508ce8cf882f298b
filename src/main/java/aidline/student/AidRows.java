package aidline.student;

import aidline.values.InvalidNationalIdException;
import aidline.values.NationalId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Turns one row of an aid list (资助发放名单) into an {@link AidRecord}, or says why it cannot. */
final class AidRows {
  static final Map<String, List<String>> ALIASES =
      Map.of(
          "nationalId", List.of("身份证号", "身份证号码", "身份证件号", "公民身份号码", "身份证"),
          "schoolYear", List.of("学年", "资助学年"),
          "term", List.of("学期"),
          "item", List.of("资助项目", "项目", "资助类型", "项目名称"),
          "amount", List.of("金额", "资助金额", "发放金额"),
          "status", List.of("状态", "发放状态", "办理状态", "进度"),
          "date", List.of("日期", "状态日期", "发放日期", "办理日期"),
          "note", List.of("备注"));
  static final List<List<String>> REQUIRED =
      List.of(List.of("nationalId"), List.of("schoolYear"), List.of("item"), List.of("amount"), List.of("status"));

  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");

  private final CsvHeader header;

  AidRows(CsvHeader header) {
    this.header = header;
  }

  static CsvHeader header(List<String> firstRow) {
    return CsvHeader.of(firstRow, ALIASES, REQUIRED);
  }

  RowResult<AidRecord> read(CsvReader.Row row) {
    try {
      return RowResult.ok(row.line(), record(row.fields()));
    } catch (RowRejected | InvalidNationalIdException e) {
      return RowResult.rejected(row.line(), e.getMessage());
    }
  }

  private AidRecord record(List<String> f) {
    Cells.requireWidth(f, header.width());
    Cells.requireText(f);
    NationalId id = NationalId.parse(header.get(f, "nationalId"));
    String yearText = header.get(f, "schoolYear");
    String year = SchoolYear.parse(yearText)
        .orElseThrow(() -> new RowRejected("学年「" + Cells.shorten(yearText) + "」格式不正确（应如 2025-2026）"));
    String item = header.get(f, "item");
    if (item.isEmpty()) {
      throw new RowRejected("资助项目为空");
    }
    String amountText = header.get(f, "amount").replace(",", "").replace("元", "");
    BigDecimal amount;
    try {
      amount = new BigDecimal(amountText);
    } catch (NumberFormatException e) {
      throw new RowRejected("金额「" + Cells.shorten(amountText) + "」不是数字");
    }
    if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
      throw new RowRejected("金额 " + amount.toPlainString() + " 超出合理范围");
    }
    String statusText = header.get(f, "status");
    AidStatus status = AidStatus.parse(statusText)
        .orElseThrow(() -> new RowRejected("未知状态「" + Cells.shorten(statusText) + "」（应为 申请、评审、公示、上报、已发放、未通过）"));
    String dateText = header.get(f, "date");
    LocalDate date = dateText.isEmpty() ? null : Cells.date(dateText, "日期");
    return new AidRecord(id.value(), year, term(header.get(f, "term")), item, amount, status, date, header.get(f, "note"));
  }

  static String term(String text) {
    return switch (text) {
      case "", "全年", "全学年", "学年" -> "全年";
      case "秋季", "秋季学期", "秋", "上学期", "第一学期" -> "秋季";
      case "春季", "春季学期", "春", "下学期", "第二学期" -> "春季";
      default -> throw new RowRejected("学期「" + Cells.shorten(text) + "」应为 秋季、春季 或 全年");
    };
  }
}
