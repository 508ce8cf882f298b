package aidline.ticket;

/** No order with that number; maps to 404. */
public class TicketNotFoundException extends RuntimeException {
  public TicketNotFoundException(String ticketNo) {
    super("找不到工单 " + ticketNo);
  }
}
