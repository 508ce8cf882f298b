package aidline.channel.wechat;

/** A signed callback whose body is not a WeChat message we can read: 400. */
public class WechatMessageException extends RuntimeException {
  public WechatMessageException(String message) {
    super(message);
  }
}
