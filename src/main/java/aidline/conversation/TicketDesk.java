package aidline.conversation;

import java.util.List;
import java.util.Optional;

/**
 * What the chat bot needs from the work-order system (a port: the ticket package implements it,
 * the bot depends only on this). All texts in the records are Chinese, ready to show a parent.
 */
public interface TicketDesk {
  /** Opens a work order from chat; if the same caller already has an open one it is returned. */
  ChatTicket open(ChatTicketRequest request);

  /**
   * The order if this chat identity filed it; empty for every other order, so that anyone else —
   * guessing numbers or not — gets the same neutral reply (issue 15, H1).
   */
  Optional<ChatTicket> findMine(String ticketNo, String channel, String userId);

  /** The caller's orders on this channel, newest first (for "查询工单" without a number). */
  List<ChatTicket> recentForUser(String channel, String userId);

  /** The parent's 回访 answer: satisfied closes the order, dissatisfied reopens it. */
  ChatTicket feedback(String ticketNo, String channel, String userId, boolean satisfied, String comment);

  /**
   * A parent proves on chat that an order an operator registered from their call is theirs: its
   * number and the phone number on it. Verified → the order is linked to this chat identity (status,
   * notices and 回访 on chat from then on). Failures are counted per chat identity and per address.
   */
  default Claim claim(String ticketNo, String channel, String userId, String source, String phone) {
    return new Claim(Claim.Outcome.NOT_VERIFIED, null);
  }

  record Claim(Outcome outcome, ChatTicket ticket) {
    public enum Outcome {
      LINKED,
      NOT_VERIFIED,
      LOCKED
    }
  }

  record ChatTicketRequest(
      String channel,
      String userId,
      String callerName,
      String phone,
      String region,
      String studentId,
      String category,
      String description) {}

  /**
   * @param status wire status (received, dispatched, …)
   * @param statusLabel Chinese label (已受理, 已派单, …)
   * @param lastStep Chinese one-line description of the latest event: what happened and when, the
   *     parent's own words, and the operator's reply to the parent — never an operator's note
   * @param awaitingFeedback true when resolved and waiting for the parent's 满意/不满意
   */
  record ChatTicket(
      String ticketNo,
      String status,
      String statusLabel,
      String category,
      String lastStep,
      String dueAt,
      boolean overdue,
      boolean duplicate,
      boolean awaitingFeedback) {}
}
