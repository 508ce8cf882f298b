package aidline.ticket;

import java.time.Instant;

/**
 * One immutable history row: who did what, when, and the note (reason, resolution, comment).
 *
 * @param fromStatus null for the creating event
 */
public record TicketEvent(
    String ticketNo, String action, TicketStatus fromStatus, TicketStatus toStatus, String actor, Instant at, String note) {}
