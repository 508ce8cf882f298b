package aidline.channel.wechat;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses callbacks outside a time window and signatures reused for a different message (issue
 * 15, H3). A signature is a SHA-1 of (token, timestamp, nonce) and says nothing about the body, so
 * one captured query could carry any forged body; inside the window each (signature, nonce) is
 * bound to the first message it carried. WeChat's own retry of that message is let through (the
 * inbound ledger then answers it with the stored reply).
 */
final class ReplayGuard {
  private static final int MAX_REMEMBERED = 200_000;

  private final Clock clock;
  private final Duration window;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  private record Seen(String message, long atMillis) {}

  ReplayGuard(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
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

  /** Binds (signature, nonce) to the message key, or refuses it if already bound to another one. */
  void bind(String signature, String timestamp, String nonce, String messageKey) {
    long now = clock.millis();
    String k = signature + "|" + timestamp + "|" + nonce;
    Seen first = seen.putIfAbsent(k, new Seen(messageKey, now));
    if (first != null && !first.message().equals(messageKey)) {
      throw new WechatSignatureException("签名已被其他消息使用（重放）");
    }
    if (seen.size() > MAX_REMEMBERED / 2) {
      forgetOlderThan(now - 2 * window.toMillis());
    }
  }

  private void forgetOlderThan(long cutoff) {
    for (Iterator<Seen> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next().atMillis() < cutoff) {
        it.remove();
      }
    }
  }

  int remembered() {
    return seen.size();
  }
}
