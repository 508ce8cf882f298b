package aidline.knowledge;

/** A search request that cannot be answered as asked (no question, unknown region); Chinese message. */
public class InvalidSearchException extends RuntimeException {
  public InvalidSearchException(String message) {
    super(message);
  }
}
