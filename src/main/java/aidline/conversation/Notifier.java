package aidline.conversation;

/**
 * Outbound messages to a parent on the channel they used (WeChat 客服/template, Telegram). Never
 * blocks the caller: implementations queue, retry and log delivery failures.
 */
public interface Notifier {
  void notify(String channel, String userId, String text);

  static Notifier none() {
    return (channel, userId, text) -> {};
  }
}
