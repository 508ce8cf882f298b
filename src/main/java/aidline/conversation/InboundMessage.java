package aidline.conversation;

/**
 * One message from a parent, after the channel adapter has verified and parsed it.
 *
 * @param channel wechat, telegram or web
 * @param userId the asker on that channel (OpenID, chat id, browser id)
 * @param msgId the channel's message id, for logs; deduplication happens in the adapter
 * @param text what the parent wrote (voice: the recognised text; menu click: the question it stands for)
 */
public record InboundMessage(String channel, String userId, String msgId, String text) {
  public InboundMessage {
    if (channel == null || channel.isBlank() || userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("channel and userId are required");
    }
    text = text == null ? "" : text;
  }
}
