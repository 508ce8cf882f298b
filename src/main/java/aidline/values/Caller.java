package aidline.values;

/**
 * Who is acting: the name recorded in histories and the audit log, and the role that decides what
 * is shown and allowed. Handlers get it from {@code http.Callers}; services only ever see this value.
 */
public record Caller(String username, Role role) {
  /** The actor of work nobody signed in for (the chat bot, the importer, a request without a user). */
  public static final String SYSTEM = "system";

  /** The least privileged caller, so nothing is shown unmasked to an anonymous request. */
  public static Caller anonymous() {
    return new Caller(SYSTEM, Role.OPERATOR);
  }
}
