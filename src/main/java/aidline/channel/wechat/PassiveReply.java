package aidline.channel.wechat;

import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;

/**
 * A passive text reply written directly: the XML WxJava's {@code WxMpXmlOutTextMessage.toXml()}
 * writes through XStream, character for character, without building an XStream writer per
 * message. One difference, on purpose: a content holding {@code ]]>} is split over two CDATA
 * sections, where XStream writes it raw and ends the section early (PassiveReplyTest).
 */
final class PassiveReply {
  private PassiveReply() {}

  /**
   * @param toUser the follower (the message's FromUserName)
   * @param fromUser the 公众号 (the message's ToUserName)
   * @param createTime seconds since the epoch
   */
  static String text(String toUser, String fromUser, long createTime, String content) {
    if (toUser == null || fromUser == null || content == null) {
      // XStream leaves a null field out; such a message is not worth a second writer
      return WxMpXmlOutMessage.TEXT().content(content).fromUser(fromUser).toUser(toUser).build().toXml();
    }
    StringBuilder b = new StringBuilder(160 + toUser.length() + fromUser.length() + content.length());
    b.append("<xml>\n  <ToUserName>");
    cdata(b, toUser);
    b.append("</ToUserName>\n  <FromUserName>");
    cdata(b, fromUser);
    b.append("</FromUserName>\n  <CreateTime>").append(createTime).append("</CreateTime>\n  <MsgType><![CDATA[text]]></MsgType>\n  <Content>");
    cdata(b, content);
    return b.append("</Content>\n</xml>").toString();
  }

  private static void cdata(StringBuilder b, String s) {
    b.append("<![CDATA[").append(s.replace("]]>", "]]]]><![CDATA[>")).append("]]>");
  }
}
