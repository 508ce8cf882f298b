package aidline.answer;

/** Understands a parent's message and composes a cited answer; pure apart from reading the KB. */
public interface AnswerEngine {
  Turn answer(String text, DialogState state);
}
