package aidline.channel.wechat;

import aidline.conversation.InboundLedger;
import java.time.Clock;
import java.time.Duration;

/**
 * Refuses callbacks outside a time window and signatures reused for a different message (issue
 * 15, H3). A signature is a SHA-1 of (token, timestamp, nonce) and says nothing about the body, so
 * one captured query could carry any forged body; inside the window each (signature, timestamp,
 * nonce) is bound to the first message it carried. The binding lives in the database beside the
 * inbound claim ({@link InboundLedger#claim(String, String, String, InboundLedger.Binding)}), so a
 * replay sent to another node is refused too (issue 18). WeChat's own retry of that message is let
 * through (the inbound ledger then answers it with the stored reply).
 */
final class ReplayGuard {
  static final String REPLAYED = "签名已被其他消息使用（重放）";

  private final Clock clock;
  private final Duration window;

  ReplayGuard(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  /** Now, in seconds since the epoch, by the clock callbacks are judged by (a reply's CreateTime). */
  long epochSecond() {
    return clock.millis() / 1000;
  }

  /** Refuses a timestamp that is not a number or further than the window from now. */
  void checkTimestamp(String timestamp) {
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new WechatSignatureException("时间戳无效");
    }
    long skew = Math.abs(clock.millis() / 1000 - ts);
    if (skew > window.toSeconds()) {
      throw new WechatSignatureException("时间戳超出允许范围（" + window.toSeconds() + " 秒）");
    }
  }

  /**
   * The request's one-time identity, remembered for twice the window: past it the timestamp check
   * refuses the query anyway, whichever node's clock it meets.
   */
  InboundLedger.Binding binding(String signature, String timestamp, String nonce) {
    return new InboundLedger.Binding(signature + "|" + timestamp + "|" + nonce, clock.millis() + 2 * window.toMillis());
  }
}
