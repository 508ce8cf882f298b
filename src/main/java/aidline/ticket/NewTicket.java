package aidline.ticket;

/**
 * A request to open a work order, from an operator (hotline/web) or the chat bot.
 *
 * @param channelUserId the parent's chat account, null for hotline calls
 */
public record NewTicket(
    String channel,
    String callerName,
    String callerPhone,
    String channelUserId,
    String region,
    String studentId,
    String category,
    String description) {}
