package aidline.channel.wechat;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A streaming pre-check of every callback body before WxJava's recursive parser sees it: size,
 * nesting depth, no DTD or entities (issue 15, M5). Genuine WeChat messages are flat (at most five
 * levels: SendPicsInfo > PicList > item > PicMd5Sum), so the limits cost nothing to real traffic.
 */
final class WechatXml {
  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_DEPTH = 8;
  /**
   * A factory per thread, each reusing its one reader: the JDK's factory builds a new reader (about
   * 14 KB of buffers and tables) per document unless told to reuse the last one it made, which is
   * safe only on the thread that made it. The settings are the same for every reader.
   */
  private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(WechatXml::factory);
  /** The JDK (SJSXP) factory's switch for reusing a closed reader; another implementation may not know it. */
  private static final String REUSE_INSTANCE = "reuse-instance";

  private WechatXml() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    if (f.isPropertySupported(REUSE_INSTANCE)) {
      f.setProperty(REUSE_INSTANCE, true);
    }
    return f;
  }

  /**
   * Checks the limits and returns the text of the root's direct children (the fields of a message).
   *
   * @throws WechatMessageException with a one-line reason
   */
  static Map<String, String> fields(String body) {
    if (body == null || body.isBlank()) {
      throw new WechatMessageException("消息内容为空");
    }
    if (body.length() > MAX_BYTES) {
      throw new WechatMessageException("消息过大（超过 " + MAX_BYTES / 1024 + " KB）");
    }
    Map<String, String> out = new HashMap<>();
    XMLStreamReader r = null;
    try {
      r = FACTORY.get().createXMLStreamReader(new StringReader(body));
      int depth = 0;
      String field = null;
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            if (depth > MAX_DEPTH) {
              throw new WechatMessageException("消息嵌套过深");
            }
            if (depth == 2) {
              field = r.getLocalName();
              text.setLength(0);
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (depth == 2) {
              text.append(r.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (depth == 2 && field != null) {
              out.putIfAbsent(field, text.toString());
            }
            depth--;
          }
          case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
              throw new WechatMessageException("消息不得包含 DTD 或实体");
          default -> {
            // comments, processing instructions, whitespace
          }
        }
      }
      return out;
    } catch (XMLStreamException e) {
      throw new WechatMessageException("不是有效的微信消息");
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing held
        }
      }
    }
  }
}
