package aidline.channel.wechat;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.io.xml.MXParserDriver;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.chanjar.weixin.common.util.xml.XStreamInitializer;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;

/**
 * Reads a callback into WxJava's {@link WxMpXmlMessage} with WxJava's own XStream set-up (what
 * {@code XStreamTransformer} registers for the class), but through a parser made per message:
 * WxJava's {@code XppDriver} gets each parser from {@code XppDriver.createDefaultParser}, which is
 * synchronized and looks up a parser factory on every call, so every callback queued on one class
 * lock. Unlike {@code WxMpXmlMessage.fromXml} it leaves {@code allFieldsMap} unset (a second,
 * dom4j parse of the same XML): nothing here reads it. One instance, shared: XStream is
 * thread-safe once configured.
 */
final class WechatMessages {
  private final XStream xstream = XStreamInitializer.getInstance();
  private final MXParserDriver driver = new MXParserDriver();

  WechatMessages() {
    xstream.processAnnotations(WxMpXmlMessage.class);
    xstream.processAnnotations(nested(WxMpXmlMessage.class).toArray(Class<?>[]::new));
    xstream.aliasField("MsgID", WxMpXmlMessage.class, "msgId");
  }

  /** The message; as {@code WxMpXmlMessage.fromXml}, a split picture list is read as one. */
  WxMpXmlMessage read(String xml) {
    String joined = xml.replace("</PicList><PicList>", "");
    return (WxMpXmlMessage) xstream.unmarshal(driver.createReader(new StringReader(joined)));
  }

  /**
   * The message, from the fields the safety pre-check already read ({@link WechatXml#fields}) when
   * it is a flat message of the common kinds (text, voice, menu and subscribe events), so that XML is
   * parsed once; anything else goes through {@link #read(String)}.
   */
  WxMpXmlMessage read(String xml, Map<String, String> fields) {
    WxMpXmlMessage m = fromFields(fields);
    return m != null ? m : read(xml);
  }

  private static final Set<String> FLAT = Set.of(
      "ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId", "MsgID", "Recognition", "Format",
      "MediaId", "Event", "EventKey");

  /** Null unless every field is one {@link #FLAT} names and the numbers parse (then XStream decides). */
  static WxMpXmlMessage fromFields(Map<String, String> f) {
    if (!FLAT.containsAll(f.keySet()) || f.containsKey("MsgId") && f.containsKey("MsgID")) {
      return null;
    }
    WxMpXmlMessage m = new WxMpXmlMessage();
    try {
      m.setCreateTime(number(f.get("CreateTime")));
      m.setMsgId(number(f.containsKey("MsgID") ? f.get("MsgID") : f.get("MsgId")));
    } catch (NumberFormatException e) {
      return null;
    }
    m.setToUser(f.get("ToUserName"));
    m.setFromUser(f.get("FromUserName"));
    m.setMsgType(f.get("MsgType"));
    m.setContent(f.get("Content"));
    m.setRecognition(f.get("Recognition"));
    m.setFormat(f.get("Format"));
    m.setMediaId(f.get("MediaId"));
    m.setEvent(f.get("Event"));
    m.setEventKey(f.get("EventKey"));
    return m;
  }

  private static Long number(String s) {
    return s == null ? null : Long.valueOf(s);
  }

  /** The public nested classes, at every depth (as WxJava registers them). */
  private static List<Class<?>> nested(Class<?> type) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : type.getClasses()) {
      out.add(c);
      out.addAll(nested(c));
    }
    return out;
  }
}
