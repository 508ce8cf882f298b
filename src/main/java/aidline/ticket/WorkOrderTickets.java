package aidline.ticket;

import aidline.student.StudentTickets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** The student feature's {@link StudentTickets} port, provided by the work-order service. */
public final class WorkOrderTickets implements StudentTickets {
  /** The category code of 资助未到账 in tickets/categories.yaml. */
  static final String AID_NOT_RECEIVED = "aid_not_received";

  private final Supplier<TicketService> service;
  private final Clock clock;

  /** @param service asked on first use, so importing students does not need the work-order set-up */
  public WorkOrderTickets(Supplier<TicketService> service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  @Override
  public List<TicketSummary> forStudent(String nationalId) {
    return service.get().forStudent(nationalId).stream().map(this::summary).toList();
  }

  private TicketSummary summary(Ticket t) {
    return new TicketSummary(t.ticketNo(), t.category(), t.status().wire(), t.status().label(),
        t.createdAt() == null ? null : t.createdAt().toString(), t.overdueAt(clock.instant()));
  }

  @Override
  public String openAidNotReceived(AidNotReceived r) {
    String caller = r.guardianName() == null || r.guardianName().isBlank() ? r.studentName() + "的监护人" : r.guardianName();
    return service.get().open(new NewTicket("web", caller, r.guardianPhone(), null, r.region(), r.nationalId(), AID_NOT_RECEIVED,
        r.description()), r.openedBy()).ticket().ticketNo();
  }
}
