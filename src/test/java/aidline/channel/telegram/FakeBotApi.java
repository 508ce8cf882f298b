package aidline.channel.telegram;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Telegram Bot API: serves queued updates to getUpdates (honouring the offset, holding an
 * empty poll briefly like long polling does) and records every sendMessage. Method names are
 * matched case-insensitively because TelegramBots lowercases them ({@code /bot<token>/getupdates}).
 */
public final class FakeBotApi implements AutoCloseable {
  public record Sent(String chatId, String text, String body) {}

  public final List<Sent> sent = new CopyOnWriteArrayList<>();
  public final List<String> methods = new CopyOnWriteArrayList<>();
  private final List<String[]> updates = new CopyOnWriteArrayList<>(); // {id, json}
  private final HttpServer server;
  private final String token;

  public FakeBotApi(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getPath();
      String out;
      if (!path.startsWith("/bot" + token + "/")) {
        out = "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}";
      } else {
        String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        methods.add(method);
        out = switch (method) {
          case "getupdates" -> updates(body);
          case "sendmessage" -> {
            sent.add(new Sent(field(body, "chat_id"), field(body, "text"), body));
            yield "{\"ok\":true,\"result\":{\"message_id\":" + (1000 + sent.size())
                + ",\"date\":1700000000,\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"ok\"}}";
          }
          default -> "{\"ok\":true,\"result\":true}";
        };
      }
      byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void addTextUpdate(int updateId, long chatId, String text) {
    String json = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":1700000000,"
        + "\"chat\":{\"id\":" + chatId + ",\"type\":\"private\"},\"from\":{\"id\":" + chatId + ",\"is_bot\":false,\"first_name\":\"家长\"},"
        + "\"text\":\"" + text + "\"}}";
    updates.add(new String[] {Integer.toString(updateId), json});
  }

  private String updates(String body) {
    String off = field(body, "offset");
    long offset = off == null || off.isBlank() ? 0 : Long.parseLong(off);
    StringBuilder sb = new StringBuilder();
    for (String[] u : updates) {
      if (Long.parseLong(u[0]) >= offset) {
        sb.append(sb.length() == 0 ? "" : ",").append(u[1]);
      }
    }
    if (sb.length() == 0) {
      try {
        Thread.sleep(200); // a long poll with nothing new waits before answering
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return "{\"ok\":true,\"result\":[" + sb + "]}";
  }

  /** A field of a JSON or form body, enough for the flat requests TelegramBots sends. */
  static String field(String body, String name) {
    Matcher json = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))").matcher(body);
    if (json.find()) {
      return json.group(2) != null ? unescape(json.group(2)) : json.group(3);
    }
    Matcher form = Pattern.compile("(?:^|&)" + name + "=([^&]*)").matcher(body);
    return form.find() ? java.net.URLDecoder.decode(form.group(1), StandardCharsets.UTF_8) : null;
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> sb.append('\n');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> sb.append(n);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
