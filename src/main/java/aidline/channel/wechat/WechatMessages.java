package aidline.channel.wechat;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.io.xml.MXParserDriver;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
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
