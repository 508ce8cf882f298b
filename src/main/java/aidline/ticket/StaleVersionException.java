package aidline.ticket;

/** Someone else changed the order since the caller read it; maps to 409, nothing is changed. */
public class StaleVersionException extends RuntimeException {
  public StaleVersionException(String message) {
    super(message);
  }
}
