package aidline.conversation;

import java.util.List;
import java.util.Optional;

/**
 * Stands in until the work-order package provides its desk: every call fails, and the bot tells the
 * parent the desk is unavailable instead of pretending an order was opened.
 */
public final class UnavailableTicketDesk implements TicketDesk {
  @Override
  public ChatTicket open(ChatTicketRequest request) {
    throw new IllegalStateException("work-order desk not available");
  }

  @Override
  public Optional<ChatTicket> findMine(String ticketNo, String channel, String userId) {
    throw new IllegalStateException("work-order desk not available");
  }

  @Override
  public List<ChatTicket> recentForUser(String channel, String userId) {
    throw new IllegalStateException("work-order desk not available");
  }

  @Override
  public ChatTicket feedback(String ticketNo, String channel, String userId, boolean satisfied, String comment) {
    throw new IllegalStateException("work-order desk not available");
  }
}
