package aidline.student;

import aidline.values.Masking;
import aidline.answer.Citation;
import aidline.values.Role;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The JSON of a lookup: {@code {"student", "aid", "entitlements", "gaps", "tickets"}} (DESIGN.md). */
public record StudentView(
    String schoolYear,
    Card student,
    List<Aid> aid,
    List<Entitlement> entitlements,
    List<GapView> gaps,
    List<StudentTickets.TicketSummary> tickets) {

  /** The profile as a role may see it: 身份证号, 学籍号 and phone masked unless the role allows. */
  public record Card(
      String nationalId,
      String studentNo,
      String name,
      String gender,
      String ethnicity,
      LocalDate birthDate,
      String school,
      String stage,
      String grade,
      boolean boarder,
      List<String> categories,
      String region,
      String guardianName,
      String guardianPhone) {

    public static Card of(StudentProfile s, Role role) {
      return new Card(
          Masking.nationalId(s.nationalId(), role),
          Masking.studentNo(s.studentNo(), role),
          s.name(),
          s.gender(),
          s.ethnicity(),
          Masking.showsFull(role) ? s.birthDate() : null,
          s.school(),
          s.stage().label(),
          s.grade(),
          s.boarder(),
          s.categories().stream().sorted().map(HouseholdCategory::label).toList(),
          s.region(),
          s.guardianName(),
          Masking.phone(s.guardianPhone(), role));
    }
  }

  public record Aid(String schoolYear, String term, String item, BigDecimal amount, String status, LocalDate date, String note) {
    static Aid of(AidRecord r) {
      return new Aid(r.schoolYear(), r.term(), r.item(), r.amount(), r.status().label(), r.date(), r.note());
    }
  }

  /** @param step the step the application is stuck in (申请 … 上报, 未通过), or null when nothing is on record */
  public record GapView(
      String item, BigDecimal amount, String unit, String schoolYear, String step, LocalDate since, String reason,
      Citation citation) {
    static GapView of(Gap g) {
      return new GapView(g.entitlement().item(), g.entitlement().amount(), g.entitlement().unit(), g.schoolYear(),
          g.step() == null ? null : g.step().label(), g.since(), g.reason(), g.entitlement().citation());
    }
  }
}
