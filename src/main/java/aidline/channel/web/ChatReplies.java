package aidline.channel.web;

import aidline.answer.Answer;
import aidline.conversation.Reply;
import aidline.values.BoundedCache;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The chat reply as the contract writes it ({@link WebChatModule.ChatResponse}), with the part that
 * depends on the answer alone (its fields, the choices, the plain text kept in the history)
 * remembered per answer object: a repeated question's answer is the same object again (the
 * engine's answer cache), so its JSON is written once, and each reply only appends {@code user} and
 * {@code ticketNo}. Byte for byte what Jackson writes for {@code ChatResponse} (ChatResponseTest).
 */
final class ChatReplies {
  static final int REMEMBERED = 4096;

  /** What a reply's answer renders to: its JSON fields (no closing brace), choices and plain text. */
  record Rendered(String fields, String choices, String plainText) {}

  /**
   * An answer by identity: a repeated question's answer is the engine's remembered object, found
   * without hashing and comparing its text and citations (records compare deeply). Answers made
   * afresh per message (a form's prompts) are found by value.
   */
  private record Same(Answer answer) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Same s && s.answer == answer;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(answer);
    }
  }

  private final ObjectMapper json;
  private final BoundedCache<Same, Rendered> byIdentity;
  private final BoundedCache<Answer, Rendered> byValue;

  ChatReplies(ObjectMapper json) {
    this(json, REMEMBERED);
  }

  ChatReplies(ObjectMapper json, int remembered) {
    this.json = json;
    this.byIdentity = new BoundedCache<>(remembered);
    this.byValue = new BoundedCache<>(remembered);
  }

  /** Only an object rendered here is remembered by identity, so answers made afresh do not crowd it. */
  Rendered of(Reply reply) {
    Same same = new Same(reply.answer());
    Rendered r = byIdentity.peek(same);
    if (r != null) {
      return r;
    }
    boolean[] renderedHere = {false};
    r = byValue.get(reply.answer(), a -> {
      renderedHere[0] = true;
      return render(a);
    });
    if (renderedHere[0]) {
      byIdentity.put(same, r);
    }
    return r;
  }

  /** The response body: the answer's fields, then {@code user}, {@code ticketNo} and {@code choices}. */
  static String body(Rendered r, String user, String ticketNo) {
    StringBuilder b = new StringBuilder(r.fields().length() + r.choices().length() + 64).append(r.fields());
    b.append(",\"user\":");
    quoted(b, user);
    b.append(",\"ticketNo\":");
    quoted(b, ticketNo);
    return b.append(",\"choices\":").append(r.choices()).append('}').toString();
  }

  private Rendered render(Answer answer) {
    Reply reply = new Reply(answer, null);
    try {
      String all = json.writeValueAsString(WebChatModule.ChatResponse.of(reply, null));
      // the answer's fields end where the appended ones (user, ticketNo, choices) begin
      String fields = all.substring(0, all.lastIndexOf(",\"user\":"));
      return new Rendered(fields, json.writeValueAsString(reply.choices()), reply.plainText());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("reply not writable as JSON", e);
    }
  }

  private static void quoted(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, b);
    b.append('"');
  }
}
