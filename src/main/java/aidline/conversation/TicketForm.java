package aidline.conversation;

/**
 * A work order being filled in through chat. Kept in the asker's state, so it survives a restart.
 *
 * @param step what the bot asked last
 * @param description what happened (the parent's original message)
 */
public record TicketForm(
    Step step, String category, String description, String studentId, String phone, String region) {

  public enum Step {
    DESCRIPTION,
    STUDENT,
    PHONE,
    REGION,
    CONFIRM
  }

  TicketForm at(Step s) {
    return new TicketForm(s, category, description, studentId, phone, region);
  }

  TicketForm withDescription(String v) {
    return new TicketForm(step, category, v, studentId, phone, region);
  }

  TicketForm withStudent(String v) {
    return new TicketForm(step, category, description, v, phone, region);
  }

  TicketForm withPhone(String v) {
    return new TicketForm(step, category, description, studentId, v, region);
  }

  TicketForm withRegion(String v) {
    return new TicketForm(step, category, description, studentId, phone, v);
  }
}
