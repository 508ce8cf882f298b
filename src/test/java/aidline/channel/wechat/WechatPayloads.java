package aidline.channel.wechat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

/** Builds callbacks the way the WeChat server does, with WxJava's own crypto. */
public final class WechatPayloads {
  public static final String TOKEN = "aidlinetoken";
  public static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  public static final String APP_ID = "wx0123456789abcdef";

  private WechatPayloads() {}

  public static String text(String from, long msgId, String content) {
    return "<xml><ToUserName><![CDATA[gh_aidline]]></ToUserName><FromUserName><![CDATA[" + from
        + "]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
        + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
  }

  public static String voice(String from, long msgId, String recognition) {
    return "<xml><ToUserName><![CDATA[gh_aidline]]></ToUserName><FromUserName><![CDATA[" + from
        + "]]></FromUserName><CreateTime>1700000001</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[m1]]></MediaId>"
        + "<Format><![CDATA[amr]]></Format><Recognition><![CDATA[" + recognition + "]]></Recognition><MsgId>" + msgId + "</MsgId></xml>";
  }

  public static String image(String from, long msgId) {
    return "<xml><ToUserName><![CDATA[gh_aidline]]></ToUserName><FromUserName><![CDATA[" + from
        + "]]></FromUserName><CreateTime>1700000002</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://x/y.jpg]]></PicUrl>"
        + "<MediaId><![CDATA[m2]]></MediaId><MsgId>" + msgId + "</MsgId></xml>";
  }

  public static String event(String from, long createTime, String event, String key) {
    return "<xml><ToUserName><![CDATA[gh_aidline]]></ToUserName><FromUserName><![CDATA[" + from
        + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA["
        + event + "]]></Event>" + (key == null ? "" : "<EventKey><![CDATA[" + key + "]]></EventKey>") + "</xml>";
  }

  /** Query string of a plaintext callback signed with the token. */
  public static String signedQuery(String token, String timestamp, String nonce) {
    return "signature=" + SHA1.gen(token, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce;
  }

  /** A safe-mode callback: the query string and the encrypted body. */
  public record Encrypted(String query, String body) {}

  public static Encrypted encrypt(String plainXml) {
    WxCryptUtil crypt = new WxCryptUtil(TOKEN, AES_KEY, APP_ID);
    WxCryptUtil.EncryptContext ctx = crypt.encryptContext(plainXml);
    String query = signedQuery(TOKEN, ctx.getTimeStamp(), ctx.getNonce()) + "&encrypt_type=aes&msg_signature=" + ctx.getSignature();
    String body = "<xml><ToUserName><![CDATA[gh_aidline]]></ToUserName><Encrypt><![CDATA[" + ctx.getEncrypt() + "]]></Encrypt></xml>";
    return new Encrypted(query, body);
  }

  /** Decrypts a safe-mode reply, checking its MsgSignature as WeChat would. */
  public static String decryptReply(String encryptedXml) {
    WxCryptUtil crypt = new WxCryptUtil(TOKEN, AES_KEY, APP_ID);
    return crypt.decryptXml(field(encryptedXml, "MsgSignature"), field(encryptedXml, "TimeStamp"), field(encryptedXml, "Nonce"), encryptedXml);
  }

  public static String field(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</" + name + ">", Pattern.DOTALL).matcher(xml);
    return m.find() ? m.group(1) : null;
  }
}
