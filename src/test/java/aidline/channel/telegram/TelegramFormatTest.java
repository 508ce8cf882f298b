package aidline.channel.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.Amount;
import aidline.answer.Answer;
import aidline.answer.Intent;
import aidline.conversation.FakeEngine;
import aidline.conversation.Reply;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/** Telegram's rendering of a reply: bold figure, sources in a quote block, quick replies as buttons. */
class TelegramFormatTest {
  @Test
  void theFigureIsBoldTheSourceIsQuotedAndMarkupInTheTextIsEscaped() {
    Answer a = new Answer("岳阳市初中寄宿生生活补助每生每年 1250 元（<12500 不算>）。", Intent.AMOUNT,
        List.of(new Amount(new BigDecimal("1250"), "元/生·年", "寄宿生生活补助", "湖南省岳阳市")),
        List.of(FakeEngine.SOURCE), null, false);
    SendMessage m = TelegramFormat.message("42", new Reply(a, null));
    assertTrue("html".equalsIgnoreCase(m.getParseMode()), m.getParseMode());
    String html = m.getText();
    assertTrue(html.contains("<b>1250 元</b>"), html);
    assertTrue(html.contains("&lt;12500 不算&gt;") && !html.contains("<b>12500"), html);
    assertTrue(html.contains("<blockquote>依据：\n·《岳阳市学生资助实施办法》（岳教体办通〔2016〕17号）"), html);
    assertNull(m.getReplyMarkup(), "an answer that offers no choice has no keyboard");
  }

  @Test
  void offeredChoicesBecomeAnInlineKeyboardThatSendsTheChoiceBack() {
    Reply r = new Reply(new Answer("问题已办结，您满意吗？请回复“满意”或“不满意”。", Intent.TICKET_STATUS, List.of(), List.of(), null, false), null);
    InlineKeyboardMarkup k = (InlineKeyboardMarkup) TelegramFormat.message("42", r).getReplyMarkup();
    assertEquals(List.of("满意", "不满意"), k.getKeyboard().get(0).stream().map(b -> b.getText()).toList());
    assertEquals("不满意", k.getKeyboard().get(0).get(1).getCallbackData());
    Reply form = new Reply(Answer.text("没有可回复“跳过”。（随时回复“取消”可放弃登记）", Intent.TICKET_NEW), null);
    assertEquals(List.of("跳过", "取消"), form.choices());
  }
}
