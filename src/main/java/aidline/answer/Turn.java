package aidline.answer;

/** One exchange: the answer to show and the state to remember for the next message. */
public record Turn(Answer answer, DialogState next) {}
