package aidline.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before any route runs (a malformed URI, headers too large, a body over
 * the limit) get the same JSON shape and Chinese message as the application's own errors, never
 * Jetty's HTML page or a stack trace.
 */
final class JsonErrorPages extends ErrorHandler {

  static String message(int code) {
    return switch (code) {
      case 400 -> "请求格式不正确";
      case 404 -> "找不到该地址";
      case 405 -> "不支持该请求方法";
      case 413 -> "请求内容过大";
      case 414 -> "请求地址过长";
      case 415 -> "不支持的内容类型";
      case 431 -> "请求头过大";
      case 429 -> "请求过于频繁，请稍后再试";
      default -> code >= 500 ? "服务器内部错误，请稍后再试" : "请求失败 (" + code + ")";
    };
  }

  static String body(int code) {
    String c = switch (code) {
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      default -> code >= 500 ? "internal_error" : "bad_request";
    };
    return "{\"code\":\"" + c + "\",\"message\":\"" + message(code) + "\"}";
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
    return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
  }
}
