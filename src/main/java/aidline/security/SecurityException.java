package aidline.security;

import aidline.values.Role;
/** Base of this package's domain errors; each subclass has one HTTP mapping in {@link AccessControl}. */
public abstract class SecurityException extends RuntimeException {
  protected SecurityException(String message) {
    super(message);
  }

  /** No or an invalid/expired token. */
  public static final class Unauthenticated extends SecurityException {
    public Unauthenticated() {
      super("请先登录（缺少或已过期的登录凭证）");
    }
  }

  /** Logged in, but the role does not allow the route. */
  public static final class Forbidden extends SecurityException {
    public Forbidden(Role needed) {
      super("没有权限：此操作需要" + needed.label() + "或更高权限");
    }
  }

  /** A cookie-authenticated change without the matching CSRF token. */
  public static final class CsrfRejected extends SecurityException {
    public CsrfRejected() {
      super("页面校验失败（CSRF），请刷新页面后重试");
    }
  }

  /** Wrong username or password; deliberately does not say which. */
  public static final class LoginFailed extends SecurityException {
    public LoginFailed() {
      super("用户名或密码错误");
    }
  }

  public static final class Locked extends SecurityException {
    private final long retryAfterSeconds;

    public Locked(long retryAfterSeconds) {
      super("登录失败次数过多，账号已暂时锁定，请 " + Math.max(1, (retryAfterSeconds + 59) / 60) + " 分钟后再试");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  public static final class RateLimited extends SecurityException {
    private final long retryAfterSeconds;

    public RateLimited(long retryAfterSeconds) {
      super("请求过于频繁，请 " + retryAfterSeconds + " 秒后再试");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** Bad account data: unknown role, weak password, duplicate or missing user. */
  public static final class InvalidAccount extends SecurityException {
    public InvalidAccount(String message) {
      super(message);
    }
  }
}
