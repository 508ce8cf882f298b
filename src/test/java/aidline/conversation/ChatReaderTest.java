package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bot's one reading of a message: what it routes on, recognised in one place. */
class ChatReaderTest {
  final ChatReader reader = new ChatReader(BotAidStatusTest.QUESTIONS);

  @Test
  void formAnswersAreReadWithoutTrailingPunctuation() {
    ChatReading r = reader.read(" 好的。 ");
    assertTrue(r.yes());
    assertFalse(r.no());
    assertEquals("好的", r.bare());
    assertTrue(reader.read("算了！").cancel());
    assertTrue(reader.read("不用").no());
    assertTrue(reader.read("我要转人工").wantsPerson());
    assertFalse(reader.read("人工智能是什么").wantsPerson());
  }

  @Test
  void satisfactionIsTrueFalseOrNotFeedbackAtAll() {
    assertEquals(Boolean.TRUE, reader.read("满意").satisfied());
    assertEquals(Boolean.FALSE, reader.read("很不满意").satisfied());
    assertNull(reader.read("补助多少").satisfied());
  }

  @Test
  void workOrderQuestionsAndNumbersAreRecognised() {
    ChatReading r = reader.read("查一下工单 gd-20261130-0001 的进度");
    assertTrue(r.asksTicketStatus());
    assertEquals("GD-20261130-0001", r.ticketNo());
    assertTrue(reader.read("我的工单怎么样了").asksTicketStatus());
    assertFalse(reader.read("岳阳初中寄宿生生活补助多少").asksTicketStatus());
    assertNull(reader.read("岳阳初中寄宿生生活补助多少").ticketNo());
  }

  @Test
  void aidStatusQuestionsComeFromTheLexiconWordsAndTextIsNormalised() {
    ChatReading r = reader.read("我家娃的補助發了嗎");
    assertTrue(r.asksAidStatus());
    assertEquals("我家娃的补助发了吗", r.text());
    assertFalse(reader.read("补助没到账，我要反映").asksAidStatus());
    assertFalse(new ChatReader(AidStatusQuestions.none()).read("我家孩子的补助发了吗").asksAidStatus());
  }

  @Test
  void rememberedReadingsEqualFreshOnesAlsoWhenTheMemoryIsFull() {
    ChatReader fresh = new ChatReader(BotAidStatusTest.QUESTIONS, 0);
    ChatReader small = new ChatReader(BotAidStatusTest.QUESTIONS, 8);
    java.util.List<String> texts = java.util.List.of(" 好的。 ", "满意", "很不满意", "查一下工单 gd-20261130-0001 的进度",
        "我家娃的補助發了嗎", "岳阳初中寄宿生生活补助多少", "之前报的事有进展没", "办好了吗", "", "13812345678 JY20261130-0001",
        "人工", "算了！", "国家助学贷款怎么申请？");
    for (int round = 0; round < 3; round++) {
      for (String t : texts) {
        assertEquals(fresh.read(t), reader.read(t), t);
        assertEquals(fresh.read(t), small.read(t), t);
      }
    }
    assertEquals(reader.read(null), fresh.read(""));
  }
}
