package aidline.channel.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;

/**
 * The 公众号 menu: publishing the definition file through WxJava, and what each CLICK key asks.
 * Keys are {@code HELP}, {@code TICKET_NEW}, {@code TICKET_STATUS}, or {@code ASK:<question>}.
 */
public final class WechatMenu {
  private static final Map<String, String> KEYS = Map.of("TICKET_NEW", "我要找人工帮忙", "TICKET_STATUS", "查询工单");

  private final WxMpService service;
  private final ObjectMapper json;

  public WechatMenu(WxMpService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  /** The question a CLICK key stands for; null means "show the welcome". */
  static String questionFor(String key) {
    if (key == null) {
      return null;
    }
    if (key.startsWith("ASK:")) {
      String q = key.substring(4).trim();
      return q.isEmpty() ? null : q;
    }
    return KEYS.get(key);
  }

  /** Checks the file and creates the menu; returns a Chinese one-line result or throws {@link WechatMenuException}. */
  public String publish(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new WechatMenuException("无法读取菜单文件 " + file + ": " + e.getMessage());
    }
    int buttons = validate(text, file);
    try {
      service.getMenuService().menuCreate(text);
    } catch (WxErrorException e) {
      throw new WechatMenuException("微信接口拒绝了菜单: " + e.getError().getErrorMsg() + " (errcode " + e.getError().getErrorCode() + ")");
    } catch (RuntimeException e) {
      throw new WechatMenuException("无法连接微信接口: " + e.getMessage());
    }
    return "菜单已发布：" + buttons + " 个一级菜单";
  }

  private int validate(String text, Path file) {
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (IOException e) {
      throw new WechatMenuException("菜单文件不是合法的 JSON: " + file);
    }
    JsonNode buttons = root == null ? null : root.get("button");
    if (buttons == null || !buttons.isArray() || buttons.isEmpty() || buttons.size() > 3) {
      throw new WechatMenuException("菜单文件须有 button 数组，1 到 3 个一级菜单: " + file);
    }
    for (JsonNode b : buttons) {
      JsonNode subs = b.get("sub_button");
      if (subs != null && subs.size() > 5) {
        throw new WechatMenuException("一级菜单“" + b.path("name").asText() + "”的子菜单超过 5 个");
      }
      for (JsonNode leaf : subs == null || subs.isEmpty() ? List.of(b) : iterable(subs)) {
        if ("click".equals(leaf.path("type").asText()) && leaf.path("key").asText().isBlank()) {
          throw new WechatMenuException("菜单“" + leaf.path("name").asText() + "”是 click 类型但没有 key");
        }
      }
    }
    return buttons.size();
  }

  private static Iterable<JsonNode> iterable(JsonNode array) {
    return array::elements;
  }
}
