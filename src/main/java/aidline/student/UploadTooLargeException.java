package aidline.student;

/** An uploaded file over the server's body limit; refused before anything is read or written. */
public class UploadTooLargeException extends RuntimeException {
  public UploadTooLargeException(String message) {
    super(message);
  }
}
