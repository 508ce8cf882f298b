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
  private JsonBody() {}

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
