package aidline.ticket;

/** Bad input for a work order (missing field, bad phone, unknown region …); maps to 400. */
public class InvalidTicketException extends RuntimeException {
  public InvalidTicketException(String message) {
    super(message);
  }
}
