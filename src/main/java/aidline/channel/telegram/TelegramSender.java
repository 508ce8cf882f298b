package aidline.channel.telegram;

import aidline.conversation.OutboundSender;
import aidline.conversation.Reply;
import aidline.conversation.TextSplitter;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
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

  /** Plain text (notices): the choices it offers ride on its last part as an inline keyboard. */
  @Override
  public void send(String chatId, String text) throws Exception {
    List<String> parts = TextSplitter.split(text, MAX_BYTES);
    for (int i = 0; i < parts.size(); i++) {
      SendMessage m = new SendMessage(chatId, parts.get(i));
      if (i == parts.size() - 1) {
        m.setReplyMarkup(TelegramFormat.keyboard(Reply.choices(text)));
      }
      client.execute(m);
    }
  }

  /** A bot reply in Telegram's formatting; one too long for a message goes as split plain text. */
  void send(String chatId, Reply reply) throws Exception {
    SendMessage m = TelegramFormat.message(chatId, reply);
    if (m == null) {
      send(chatId, reply.plainText());
    } else {
      client.execute(m);
    }
  }

  /** Stops the button's spinner; best effort, the answer itself is the message that follows. */
  void acknowledge(String callbackQueryId) {
    try {
      client.execute(new AnswerCallbackQuery(callbackQueryId));
    } catch (Exception e) {
      // the parent still gets the answer; only the button's spinner runs a little longer
    }
  }
}
