package aidline.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aidline.answer.Amount;
import aidline.answer.Answer;
import aidline.answer.Citation;
import aidline.answer.Intent;
import aidline.conversation.Reply;
import aidline.http.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply JSON, written in one pass, is byte for byte what the tree it replaced wrote. */
class ChatResponseTest {
  private final ObjectMapper json = Json.mapper();

  private String asTree(Reply reply, String user) throws Exception {
    ObjectNode out = json.valueToTree(reply.answer());
    out.put("user", user);
    out.put("ticketNo", reply.ticketNo());
    out.set("choices", json.valueToTree(reply.choices()));
    return json.writeValueAsString(out);
  }

  @Test
  void sameBytesAsTheTreeForEveryShapeOfReply() throws Exception {
    Citation c = new Citation("yy", "岳阳市方案", "岳教〔2016〕17号", "湖南省岳阳市", "五（二）2", "初中1250元/生·年");
    List<Reply> replies = List.of(
        new Reply(Answer.text("您好！需要转人工吗？回复“是”", Intent.GREETING), null),
        new Reply(new Answer("1250元", Intent.AMOUNT,
            List.of(new Amount(new BigDecimal("1250"), "元/生·年", "寄宿生生活补助", "湖南省岳阳市"),
                new Amount(new BigDecimal("2400.50"), "元", "学费", null), new Amount(new BigDecimal("1E+3"), "元", "x", "y"),
                new Amount(new BigDecimal("0.00"), "元", "z", "y")),
            List.of(c), null, false, "初中寄宿生生活补助：1250元/生·年", "更多依据"), "JY20261130-0001"),
        new Reply(new Answer("请问孩子在哪个市县上学？", Intent.AMOUNT, List.of(), List.of(), "请问孩子在哪个市县上学？", true), null));
    for (Reply r : replies) {
      assertEquals(asTree(r, "u1"),
          json.writeValueAsString(WebChatModule.ChatResponse.of(r, "u1")));
    }
    // the remembered answer part, with users and order numbers that need escaping, twice each
    ChatReplies remembered = new ChatReplies(json, 2);
    List<String> users = List.of("u1", "anon-\"x\"\\y", "家长\u0001\n\t\u2028</script>", "");
    for (int round = 0; round < 2; round++) {
      for (Reply r : replies) {
        for (String user : users) {
          for (String ticketNo : java.util.Arrays.asList(null, "JY20261130-0001", "a\"b")) {
            Reply withNo = new Reply(r.answer(), ticketNo);
            String expected = json.writeValueAsString(WebChatModule.ChatResponse.of(withNo, user));
            ChatReplies.Rendered rendered = remembered.of(withNo);
            assertEquals(expected, ChatReplies.body(rendered, user, ticketNo));
            assertEquals(withNo.plainText(), rendered.plainText());
            // an equal answer made afresh (a form's prompt) is found by value
            Answer a = r.answer();
            Answer copy = new Answer(a.reply(), a.intent(), a.amounts(), a.citations(), a.clarify(), a.handoff(), a.lead(), a.more());
            assertEquals(expected, ChatReplies.body(remembered.of(new Reply(copy, ticketNo)), user, ticketNo));
          }
        }
      }
    }
  }
}
