package aidline.answer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a parent's message asks for; the lower-case names are part of the ask/chat contract. */
public enum Intent {
  AMOUNT, ELIGIBILITY, PROCEDURE, POLICY, TICKET_NEW, TICKET_STATUS, GREETING, OFFTOPIC, UNKNOWN;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
