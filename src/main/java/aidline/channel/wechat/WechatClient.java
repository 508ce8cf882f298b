package aidline.channel.wechat;

import aidline.config.AppConfig;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;

/** Builds the WxJava service from configuration; an API host override points it at a fake in tests. */
public final class WechatClient {
  private WechatClient() {}

  public static WxMpService create(AppConfig.Wechat cfg) {
    WxMpDefaultConfigImpl c = new WxMpDefaultConfigImpl();
    c.setToken(cfg.token());
    c.setAesKey(blankToNull(cfg.aesKey()));
    c.setAppId(cfg.appId());
    c.setSecret(cfg.secret());
    if (cfg.apiHost() != null && !cfg.apiHost().isBlank()) {
      String host = cfg.apiHost().replaceAll("/+$", "");
      c.setHostConfig(new WxMpHostConfig(host, host, host));
    }
    WxMpServiceImpl service = new WxMpServiceImpl();
    service.setWxMpConfigStorage(c);
    return service;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
