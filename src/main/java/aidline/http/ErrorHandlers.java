package aidline.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps exceptions to JSON errors. Each domain exception gets exactly one mapping (status + stable
 * code, message from the exception, which is Chinese); anything unmapped becomes a 500 without a
 * stack trace in the body.
 */
public final class ErrorHandlers {
  private static final Logger log = LoggerFactory.getLogger(ErrorHandlers.class);

  private final RoutesConfig routes;

  public ErrorHandlers(RoutesConfig routes) {
    this.routes = routes;
  }

  public <E extends Exception> ErrorHandlers map(Class<E> type, int status, String code) {
    routes.exception(
        type, (e, ctx) -> ctx.status(status).json(new ApiError(code, e.getMessage())));
    return this;
  }

  /** As {@link #map(Class, int, String)}, adding response headers (e.g. Retry-After) from the exception. */
  public <E extends Exception> ErrorHandlers map(
      Class<E> type, int status, String code, Function<E, Map<String, String>> headers) {
    routes.exception(
        type,
        (e, ctx) -> {
          headers.apply(e).forEach(ctx::header);
          ctx.status(status).json(new ApiError(code, e.getMessage()));
        });
    return this;
  }

  /** Handlers for the framework's own failures (bad JSON, 404, 405, 413) and the unexpected. */
  public ErrorHandlers defaults() {
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          String message = e.getStatus() == 404 ? "找不到该地址: " + ctx.path() : chinese(e);
          ctx.status(e.getStatus()).json(new ApiError(codeFor(e.getStatus()), message));
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (isBadJson(e)) {
            ctx.status(400).json(new ApiError("invalid_json", "请求体不是合法的 JSON，或字段类型不对"));
            return;
          }
          log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
          ctx.status(500).json(new ApiError("internal_error", "服务器内部错误，请稍后再试；如持续出现请联系管理员"));
        });
    return this;
  }

  /** Bodies that fail to parse or bind surface as Jackson exceptions, possibly wrapped. */
  private static boolean isBadJson(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException) {
        return true;
      }
    }
    return false;
  }

  private static String codeFor(int status) {
    HttpStatus s = HttpStatus.forStatus(status);
    return s.name().toLowerCase();
  }

  private static String chinese(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 400 -> "请求格式不正确: " + safe(e.getMessage());
      case 401 -> "请先登录";
      case 403 -> "没有权限执行此操作";
      case 405 -> "不支持该请求方法";
      case 413 -> "请求内容过大";
      case 429 -> "请求过于频繁，请稍后再试";
      default -> "请求失败 (" + e.getStatus() + ")";
    };
  }

  private static String safe(String m) {
    if (m == null) {
      return "";
    }
    String first = m.lines().findFirst().orElse("");
    return first.length() > 200 ? first.substring(0, 200) : first;
  }
}
