package aidline.channel.wechat;

import aidline.http.ErrorHandlers;
import aidline.http.RouteModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Function;

/** {@code GET|POST /wechat}: thin handlers over {@link WechatGateway}. */
public final class WechatModule implements RouteModule {
  private final WechatGateway gateway;
  /** The caller's address, through the configured trusted proxies (the allowlist's input). */
  private final Function<Context, String> clientIp;

  public WechatModule(WechatGateway gateway, Function<Context, String> clientIp) {
    this.gateway = gateway;
    this.clientIp = clientIp;
  }

  @Override
  public void routes(RoutesConfig routes) {
    routes.before("/wechat", ctx -> gateway.checkSource(clientIp.apply(ctx)));
    routes.get(
        "/wechat",
        ctx ->
            ctx.contentType("text/plain; charset=utf-8")
                .result(
                    gateway.verify(
                        ctx.queryParam("signature"), ctx.queryParam("timestamp"), ctx.queryParam("nonce"), ctx.queryParam("echostr"))));
    routes.post(
        "/wechat",
        ctx -> {
          String out =
              gateway.receive(
                  ctx.queryParam("signature"),
                  ctx.queryParam("timestamp"),
                  ctx.queryParam("nonce"),
                  ctx.queryParam("encrypt_type"),
                  ctx.queryParam("msg_signature"),
                  ctx.body());
          ctx.contentType(out.startsWith("<") ? "application/xml; charset=utf-8" : "text/plain; charset=utf-8").result(out);
        });
  }

  @Override
  public void errors(ErrorHandlers errors) {
    errors.map(WechatSignatureException.class, 403, "wechat_signature");
    errors.map(WechatMessageException.class, 400, "wechat_bad_message");
  }
}
