package aidline.conversation;

/**
 * A work order being filled in through chat. Kept in the asker's state, so it survives a restart
 * (stored as JSON: a field added later reads as null in an older state).
 *
 * @param step what the bot asked last
 * @param description what happened (the parent's original message)
 * @param student the student's name, 身份证号 or 学籍号, as the parent gave it
 * @param regionCarried true while {@code region} comes from an earlier question, not from this
 *     report: it is offered for confirmation and never submitted until the parent agreed
 */
public record TicketForm(
    Step step, String category, String description, String student, String phone, String region,
    Boolean regionCarried) {

  public enum Step {
    DESCRIPTION,
    STUDENT,
    PHONE,
    REGION,
    CONFIRM
  }

  public TicketForm(Step step, String category, String description, String student, String phone, String region) {
    this(step, category, description, student, phone, region, Boolean.FALSE);
  }

  boolean carried() {
    return Boolean.TRUE.equals(regionCarried) && region != null;
  }

  TicketForm at(Step s) {
    return new TicketForm(s, category, description, student, phone, region, regionCarried);
  }

  TicketForm withDescription(String v) {
    return new TicketForm(step, category, v, student, phone, region, regionCarried);
  }

  TicketForm withStudent(String v) {
    return new TicketForm(step, category, description, v, phone, region, regionCarried);
  }

  TicketForm withPhone(String v) {
    return new TicketForm(step, category, description, student, v, region, regionCarried);
  }

  /** A region the parent gave or agreed to in this form. */
  TicketForm withRegion(String v) {
    return new TicketForm(step, category, description, student, phone, v, Boolean.FALSE);
  }
}
