package aidline.ticket;

/** Chinese names of the channels a work order came in by, for histories and the CSV export. */
final class ChannelNames {
  private ChannelNames() {}

  static String label(String channel) {
    return switch (channel) {
      case "hotline" -> "热线来电";
      case "wechat" -> "微信";
      case "telegram" -> "Telegram";
      default -> "网页";
    };
  }
}
