package aidline.ticket;

import java.util.List;

/** An order with its full history, oldest event first. */
public record TicketDetail(Ticket ticket, List<TicketEvent> events) {}
