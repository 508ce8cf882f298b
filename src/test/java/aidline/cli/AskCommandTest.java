package aidline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.Answer;
import aidline.answer.Conversations;
import aidline.answer.DialogState;
import aidline.answer.Intent;
import aidline.answer.Turn;
import aidline.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AskCommandTest {
  private final Conversations conversations =
      new Conversations((text, state) -> new Turn(Answer.text(text + "@" + state.region(), Intent.UNKNOWN), state));

  @Test
  void answerLineCarriesIdAndTheAnswerFields() {
    ObjectNode out = AskCommand.answerLine(Json.mapper(), "{\"id\":\"q1\",\"text\":\"问\",\"region\":\"湖南省岳阳市\"}", 1, conversations);
    assertEquals("q1", out.get("id").asText());
    assertEquals("问@湖南省岳阳市", out.get("reply").asText());
    assertEquals("unknown", out.get("intent").asText());
    assertTrue(out.get("amounts").isArray());
    assertTrue(out.get("clarify").isNull());
  }

  @Test
  void badLineGetsAChineseErrorLineInItsPlace() {
    ObjectNode out = AskCommand.answerLine(Json.mapper(), "{not json", 3, conversations);
    assertTrue(out.get("error").asText().contains("第 3 行"), out.toString());
    ObjectNode noText = AskCommand.answerLine(Json.mapper(), "{\"id\":\"x\"}", 4, conversations);
    assertEquals("x", noText.get("id").asText());
    assertTrue(noText.has("error"));
  }

  @Test
  void sameUserKeepsStateAndTheSeedRegionStartsIt() {
    Conversations c =
        new Conversations((text, state) -> new Turn(Answer.text(String.valueOf(state.region()), Intent.UNKNOWN), new DialogState("甲", null, null, null)));
    AskCommand.answerLine(Json.mapper(), "{\"id\":\"1\",\"text\":\"a\",\"user\":\"u\"}", 1, c);
    ObjectNode second = AskCommand.answerLine(Json.mapper(), "{\"id\":\"2\",\"text\":\"b\",\"user\":\"u\"}", 2, c);
    assertEquals("甲", second.get("reply").asText());
    ObjectNode other = AskCommand.answerLine(Json.mapper(), "{\"id\":\"3\",\"text\":\"c\",\"user\":\"v\",\"region\":\"乙\"}", 3, c);
    assertEquals("乙", other.get("reply").asText());
  }
}
