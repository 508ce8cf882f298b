package aidline.conversation;

import aidline.answer.Intent;

/**
 * Where the bot notes a question it could not answer (a port: called only for such answers, so a
 * fine answer costs no write). The dashboard reads the notes to show what the knowledge base lacks.
 */
public interface UnansweredLog {
  /** @param reason "unknown" (not understood) or "handoff" (offered to a person) */
  void record(String text, Intent intent, String reason);

  static UnansweredLog none() {
    return (text, intent, reason) -> {};
  }
}
