package aidline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.Answer;
import aidline.answer.AnswerEngine;
import aidline.answer.Conversations;
import aidline.answer.DialogState;
import aidline.answer.Intent;
import aidline.answer.Turn;
import aidline.config.AppConfig;
import aidline.storage.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatRoutesTest {
  @TempDir Path dir;

  /** Echoes the text and counts this user's turns through the dialog state, to show state carries over. */
  private static final AnswerEngine COUNTING =
      (text, state) -> {
        int n = state.stage() == null ? 1 : Integer.parseInt(state.stage()) + 1;
        return new Turn(Answer.text(text + "#" + n, Intent.UNKNOWN), new DialogState(state.region(), String.valueOf(n), null, null));
      };

  @Test
  void chatAnswersWithTheAskJsonAndKeepsStatePerUser() {
    try (Database db = Database.open(new AppConfig.Storage(dir.resolve("t.db").toString(), "FULL", 5000))) {
      Javalin app =
          HttpServer.create(
              new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0),
              Json.mapper(),
              new Metrics(),
              new Health(db, () -> 0, "test"),
              List.of(new ChatRoutes(new Conversations(COUNTING))));
      JavalinTest.test(
          app,
          (server, client) -> {
            JsonNode first = post(client, "{\"user\":\"u1\",\"text\":\"你好\"}");
            assertEquals("你好#1", first.get("reply").asText());
            assertEquals("unknown", first.get("intent").asText());
            assertTrue(first.has("amounts") && first.has("citations") && first.has("clarify") && first.has("handoff"));
            assertEquals("再问#2", post(client, "{\"user\":\"u1\",\"text\":\"再问\"}").get("reply").asText());
            assertEquals("别人#1", post(client, "{\"user\":\"u2\",\"text\":\"别人\"}").get("reply").asText());
            var bad = client.post("/api/chat", "{\"user\":\"u1\",\"text\":\"  \"}");
            assertEquals(400, bad.code());
            String body = bad.body().string();
            assertTrue(body.contains("text 不能为空"), body);
            var notJson = client.post("/api/chat", "nonsense");
            assertEquals(400, notJson.code());
            String b2 = notJson.body().string();
            assertTrue(b2.contains("需要 JSON 对象"), b2);
          });
    }
  }

  private static JsonNode post(io.javalin.testtools.HttpClient client, String json) throws Exception {
    var res = client.post("/api/chat", json);
    assertEquals(200, res.code());
    return Json.mapper().readTree(res.body().string());
  }
}
