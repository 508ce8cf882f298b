package aidline.answer;

/** Understands a parent's message and composes a cited answer; pure apart from reading the KB. */
public interface AnswerEngine {
  Turn answer(String text, DialogState state);

  /**
   * Forgets remembered answers: after a reindex that may have changed what an answer depends on
   * (regions, synonyms, the index) without a rebuild. Engines that remember nothing ignore it.
   */
  default void forget() {}
}
