package aidline.ticket;

/** An action not allowed in the order's current status; maps to 409, nothing is changed. */
public class IllegalTransitionException extends RuntimeException {
  public IllegalTransitionException(String message) {
    super(message);
  }
}
