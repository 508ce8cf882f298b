package aidline.cli;

/** A command failure whose (Chinese) message is shown as-is, without a stack trace. */
public class UserFacingException extends RuntimeException {
  public UserFacingException(String message) {
    super(message);
  }
}
