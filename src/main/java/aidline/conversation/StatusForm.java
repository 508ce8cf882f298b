package aidline.conversation;

/**
 * The identity check before an aid-status answer, kept in the asker's state so it survives a
 * restart. The 身份证号 is held only between the two questions and dropped once the desk answered.
 *
 * @param step what the bot asked last
 * @param question the parent's original question, the description if they then want a work order
 * @param nationalId the child's 身份证号 once given (well-formed), else null
 */
public record StatusForm(Step step, String question, String nationalId) {
  public enum Step {
    NATIONAL_ID,
    PHONE
  }
}
