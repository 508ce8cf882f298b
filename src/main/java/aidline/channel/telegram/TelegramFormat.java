package aidline.channel.telegram;

import aidline.answer.Amount;
import aidline.conversation.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * A reply in Telegram's own formatting (HTML parse mode): each figure in bold, the sources in a
 * quote block, and the reply's choices as an inline keyboard whose buttons send the choice back as
 * if typed. The TelegramBots types stay in this package.
 */
final class TelegramFormat {
  private TelegramFormat() {}

  /** One message for the reply, or null when it is too long for one (then it goes as split plain text). */
  static SendMessage message(String chatId, Reply reply) {
    String html = html(reply);
    if (html.getBytes(StandardCharsets.UTF_8).length > TelegramSender.MAX_BYTES) {
      return null;
    }
    SendMessage m = new SendMessage(chatId, html);
    m.setParseMode(ParseMode.HTML);
    m.setReplyMarkup(keyboard(reply.choices()));
    return m;
  }

  static String html(Reply reply) {
    String text = escape(reply.text() == null ? "" : reply.text());
    for (Amount a : reply.answer().amounts()) {
      String value = Pattern.quote(a.value().stripTrailingZeros().toPlainString());
      // the figure and its unit, once, and not inside a longer number (1250 in 12500) or a tag already made
      Matcher m = Pattern.compile("(?<![\\d>.])" + value + "(?![\\d.<])(\\s?元)?").matcher(text);
      if (m.find()) {
        text = text.substring(0, m.start()) + "<b>" + m.group() + "</b>" + text.substring(m.end());
      }
    }
    List<String> sources = reply.sourceLines();
    if (!sources.isEmpty()) {
      text += "\n<blockquote>依据：\n" + escape(String.join("\n", sources)) + "</blockquote>";
    }
    return text;
  }

  /** The quick replies, in one row (two when there are more than four); null when there are none. */
  static InlineKeyboardMarkup keyboard(List<String> choices) {
    if (choices.isEmpty()) {
      return null;
    }
    InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> b = InlineKeyboardMarkup.builder();
    for (int i = 0; i < choices.size(); i += 4) {
      InlineKeyboardRow row = new InlineKeyboardRow();
      for (String c : choices.subList(i, Math.min(i + 4, choices.size()))) {
        InlineKeyboardButton button = new InlineKeyboardButton(c);
        button.setCallbackData(c);
        row.add(button);
      }
      b.keyboardRow(row);
    }
    return b.build();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
