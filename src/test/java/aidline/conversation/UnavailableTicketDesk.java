package aidline.conversation;

import java.util.List;
import java.util.Optional;

/** A work-order desk that is down: every call fails, so tests see the bot say so instead of pretending. */
final class UnavailableTicketDesk implements TicketDesk {
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
