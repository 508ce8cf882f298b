package aidline.conversation;

/**
 * A work order being filled in through chat. Kept in the asker's state, so it survives a restart.
 *
 * @param step what the bot asked last
 * @param description what happened (the parent's original message)
 * @param student the student's name, 身份证号 or 学籍号, as the parent gave it
 */
public record TicketForm(
    Step step, String category, String description, String student, String phone, String region) {

  public enum Step {
    DESCRIPTION,
    STUDENT,
    PHONE,
    REGION,
    CONFIRM
  }

  TicketForm at(Step s) {
    return new TicketForm(s, category, description, student, phone, region);
  }

  TicketForm withDescription(String v) {
    return new TicketForm(step, category, v, student, phone, region);
  }

  TicketForm withStudent(String v) {
    return new TicketForm(step, category, description, v, phone, region);
  }

  TicketForm withPhone(String v) {
    return new TicketForm(step, category, description, student, v, region);
  }

  TicketForm withRegion(String v) {
    return new TicketForm(step, category, description, student, phone, v);
  }
}
