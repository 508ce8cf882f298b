package aidline.conversation;

/**
 * One message from a parent, after the channel adapter has verified and parsed it.
 *
 * @param channel wechat, telegram or web
 * @param userId the asker on that channel (OpenID, chat id, browser id)
 * @param msgId the channel's message id, for logs; deduplication happens in the adapter
 * @param text what the parent wrote (voice: the recognised text; menu click: the question it stands for)
 * @param knownRegion the asker's region when the channel knows it (web chat's "region"), else null;
 *     used only while the conversation has no region of its own
 * @param source the client's address when the channel has one (web chat), else null: the web
 *     chat's user id is chosen by the client, so limits on identity checks also count per address
 */
public record InboundMessage(String channel, String userId, String msgId, String text, String knownRegion, String source) {
  public InboundMessage {
    if (channel == null || channel.isBlank() || userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("channel and userId are required");
    }
    text = text == null ? "" : text;
  }

  public InboundMessage(String channel, String userId, String msgId, String text) {
    this(channel, userId, msgId, text, null, null);
  }

  public InboundMessage(String channel, String userId, String msgId, String text, String knownRegion) {
    this(channel, userId, msgId, text, knownRegion, null);
  }
}
