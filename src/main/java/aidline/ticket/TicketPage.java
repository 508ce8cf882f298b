package aidline.ticket;

import java.util.List;

/** One page of a list, newest first, with the total number of matches. */
public record TicketPage(List<Ticket> items, long total, int page, int size) {}
