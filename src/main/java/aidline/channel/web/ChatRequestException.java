package aidline.channel.web;

/** A /api/chat request we cannot take (no text, too long, not JSON). */
public class ChatRequestException extends RuntimeException {
  public ChatRequestException(String message) {
    super(message);
  }
}
