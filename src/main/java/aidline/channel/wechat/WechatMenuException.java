package aidline.channel.wechat;

/** The menu file is wrong or WeChat refused it; the message says which, in Chinese. */
public class WechatMenuException extends RuntimeException {
  public WechatMenuException(String message) {
    super(message);
  }
}
