package aidline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * Reads a request body that must be a JSON object. Javalin's {@code bodyAsClass} fails with a bare
 * NullPointerException on a body of {@code null}; this says what is wrong, in Chinese, as a 400.
 */
public final class JsonBody {
  private static final String PARSED = "aidline.http.JsonBody.parsed";

  /** A body's parse, kept on the request: a tree (null for an empty body) or why it is not JSON. */
  private record Parsed(JsonNode tree, IOException failure) {}

  private JsonBody() {}

  /**
   * The request body as a JSON tree, parsed once per request: a before-handler (the chat rate
   * limiter) and the route share the parse. Null for an empty body; malformed JSON throws each time.
   */
  public static JsonNode tree(Context ctx, ObjectMapper json) throws IOException {
    Parsed p = ctx.attribute(PARSED);
    if (p == null) {
      String body = ctx.body();
      try {
        p = new Parsed(body.isEmpty() ? null : json.readTree(body), null);
      } catch (IOException e) {
        p = new Parsed(null, e);
      }
      ctx.attribute(PARSED, p);
    }
    if (p.failure() != null) {
      throw p.failure();
    }
    return p.tree();
  }

  public static <T> T read(Context ctx, ObjectMapper json, Class<T> type) {
    try {
      JsonNode node = json.readTree(ctx.body());
      if (node == null || !node.isObject()) {
        throw new BadRequestResponse("请求体必须是 JSON 对象");
      }
      return json.treeToValue(node, type);
    } catch (IOException e) {
      throw new BadRequestResponse("请求体不是合法的 JSON，或字段类型不对");
    }
  }
}
