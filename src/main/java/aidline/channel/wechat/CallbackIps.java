package aidline.channel.wechat;

import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat's published callback addresses (getcallbackip), fetched in the background and refreshed
 * hourly, never inside a callback. Until the first fetch succeeds nothing is allowed (fail closed:
 * the operator turned the allowlist on); the fetch is retried every minute meanwhile.
 */
final class CallbackIps implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallbackIps.class);

  private final WxMpService service;
  private final AtomicReference<Set<String>> allowed = new AtomicReference<>(Set.of());
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aidline-wechat-ips");
        t.setDaemon(true);
        return t;
      });

  CallbackIps(WxMpService service) {
    this.service = service;
  }

  CallbackIps start() {
    timer.scheduleWithFixedDelay(this::refreshQuietly, 0, 1, TimeUnit.MINUTES);
    return this;
  }

  private long lastSuccess;

  private void refreshQuietly() {
    if (!allowed.get().isEmpty() && System.nanoTime() - lastSuccess < TimeUnit.HOURS.toNanos(1)) {
      return;
    }
    try {
      refresh();
      lastSuccess = System.nanoTime();
    } catch (WxErrorException | RuntimeException e) {
      log.warn("cannot fetch WeChat callback IPs (getcallbackip): {}", e.getMessage());
    }
  }

  void refresh() throws WxErrorException {
    String[] ips = service.getCallbackIP();
    if (ips != null && ips.length > 0) {
      allowed.set(Set.of(ips));
      log.info("WeChat callback IP allowlist: {} addresses", ips.length);
    }
  }

  boolean allows(String ip) {
    return ip != null && allowed.get().contains(ip);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
