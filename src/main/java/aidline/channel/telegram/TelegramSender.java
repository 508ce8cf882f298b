package aidline.channel.telegram;

import aidline.conversation.OutboundSender;
import aidline.conversation.TextSplitter;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** sendMessage to a chat, split to Telegram's length limit. */
public final class TelegramSender implements OutboundSender {
  /** Telegram's limit is 4096 characters; counting bytes keeps one splitter for every channel. */
  static final int MAX_BYTES = 4000;

  private final TelegramClient client;

  TelegramSender(TelegramClient client) {
    this.client = client;
  }

  @Override
  public void send(String chatId, String text) throws Exception {
    for (String part : TextSplitter.split(text, MAX_BYTES)) {
      client.execute(new SendMessage(chatId, part));
    }
  }
}
