package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DialogStateTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theRestOfAnAnswerSurvivesTheStore() throws Exception {
    DialogState s = new DialogState("湖南省岳阳市", "junior", null, null, "依据：…");
    assertEquals(s, json.readValue(json.writeValueAsString(s), DialogState.class));
  }

  @Test
  void aStateStoredBeforeMoreExistedReadsWithoutIt() throws Exception {
    DialogState s = json.readValue("{\"region\":\"湖南省岳阳市\",\"stage\":null,\"pendingQuestion\":null,\"pendingSlot\":null}", DialogState.class);
    assertEquals("湖南省岳阳市", s.region());
    assertNull(s.more());
  }
}
