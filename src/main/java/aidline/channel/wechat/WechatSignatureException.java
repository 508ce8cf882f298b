package aidline.channel.wechat;

/** A callback whose signature is missing or wrong: refused with 403, nothing processed. */
public class WechatSignatureException extends RuntimeException {
  public WechatSignatureException(String message) {
    super(message);
  }
}
