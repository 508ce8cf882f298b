package aidline.conversation;

/** Delivers one text to one user on one channel; throws when the channel refuses or is unreachable. */
@FunctionalInterface
public interface OutboundSender {
  void send(String userId, String text) throws Exception;
}
