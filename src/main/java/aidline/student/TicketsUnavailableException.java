package aidline.student;

/** The work-order system is not connected, so no order can be opened from the student feature. */
public class TicketsUnavailableException extends RuntimeException {
  public TicketsUnavailableException(String message) {
    super(message);
  }
}
