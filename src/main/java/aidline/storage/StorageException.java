package aidline.storage;

/** A database failure; its message is Chinese and safe to show to an operator. */
public class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
