package aidline.answer;

/**
 * What the engine remembers about one asker between messages: known region (full path) and stage,
 * the question waiting for a clarification, and the rest of the last answer ({@code more}, sent when
 * the parent replies “更多”). Persisted as JSON by the conversation store, so new fields may be added
 * (absent ones read as null).
 */
public record DialogState(String region, String stage, String pendingQuestion, String pendingSlot, String more) {
  public DialogState(String region, String stage, String pendingQuestion, String pendingSlot) {
    this(region, stage, pendingQuestion, pendingSlot, null);
  }

  public static DialogState empty() {
    return new DialogState(null, null, null, null);
  }

  public static DialogState ofRegion(String region) {
    return new DialogState(region, null, null, null);
  }

  public DialogState withMore(String rest) {
    return new DialogState(region, stage, pendingQuestion, pendingSlot, rest);
  }
}
