package aidline.channel.wechat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for api.weixin.qq.com: hands out an access token and records 客服, template and
 * menu calls, so WxJava can run for real in tests.
 */
public final class FakeWechatApi implements AutoCloseable {
  public record Call(String path, String query, String body) {}

  public final List<Call> calls = new CopyOnWriteArrayList<>();
  /** What getcallbackip answers. */
  public volatile List<String> callbackIps = List.of("101.226.103.0");
  private final HttpServer server;

  public FakeWechatApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = ex.getRequestURI().getPath();
          calls.add(new Call(path, ex.getRequestURI().getRawQuery(), body));
          String out =
              path.equals("/cgi-bin/token") || path.equals("/cgi-bin/stable_token")
                  ? "{\"access_token\":\"FAKE_TOKEN\",\"expires_in\":7200}"
                  : path.equals("/cgi-bin/getcallbackip")
                      ? "{\"ip_list\":[" + String.join(",", callbackIps.stream().map(ip -> "\"" + ip + "\"").toList()) + "]}"
                      : path.equals("/cgi-bin/message/template/send")
                      ? "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":1}"
                      : "{\"errcode\":0,\"errmsg\":\"ok\"}";
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

  public List<Call> callsTo(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
