package aidline.values;

/** A 身份证号 that is not a valid GB 11643 number; the message says why, in Chinese. */
public class InvalidNationalIdException extends RuntimeException {
  public InvalidNationalIdException(String message) {
    super(message);
  }
}
