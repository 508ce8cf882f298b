package aidline.conversation;

import java.util.Optional;

/**
 * What the chat bot needs to answer "我家孩子的补助发了吗" (a port: the student package implements
 * it, so the bot never sees student records). The desk alone decides whether the parent is who
 * they say; the bot only collects the two answers and shows the desk's line.
 */
public interface AidStatusDesk {
  /** Why the text is not a well-formed 身份证号 (Chinese, ready to show), or empty if it is one. */
  Optional<String> idProblem(String nationalId);

  /**
   * True while this chat user (or its source address) has failed too often; asking them for an
   * ID again would be pointless.
   *
   * @param source the client address when the channel has one, else null
   */
  boolean locked(String chatUser, String source);

  /** Checks the child's 身份证号 and the guardian phone on record together, then gives one line. */
  StatusLine status(String chatUser, String source, String nationalId, String phone);

  /**
   * @param verified both parts matched; {@code text} is the status line (no personal data)
   * @param locked too many failures; {@code text} says to try later
   * @param text Chinese, one line, never says which part failed
   */
  record StatusLine(boolean verified, boolean locked, String text) {}
}
