package aidline.student;

import java.util.List;

/**
 * What the student feature needs from work orders (a port: the ticket package provides the real
 * adapter at merge time; until then {@link #none()} is wired).
 */
public interface StudentTickets {
  /** The student's work orders, newest first. */
  List<TicketSummary> forStudent(String nationalId);

  /**
   * Opens a 资助未到账 work order (or returns the open one it duplicates).
   *
   * @return the work order's number
   */
  String openAidNotReceived(AidNotReceived request);

  String CATEGORY = "资助未到账";

  record TicketSummary(String ticketNo, String category, String status, String statusLabel, String createdAt, boolean overdue) {}

  /** Everything a hotline operator needs to chase the missing aid, in Chinese. */
  record AidNotReceived(
      String nationalId,
      String studentName,
      String region,
      String school,
      String guardianName,
      String guardianPhone,
      String description,
      String openedBy) {}

  static StudentTickets none() {
    return new StudentTickets() {
      @Override
      public List<TicketSummary> forStudent(String nationalId) {
        return List.of();
      }

      @Override
      public String openAidNotReceived(AidNotReceived request) {
        throw new TicketsUnavailableException("工单系统尚未接入，暂时无法从这里开工单，请通过热线登记");
      }
    };
  }
}
