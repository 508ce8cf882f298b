package aidline.answer;

/**
 * What the engine remembers about one asker between messages: known region (full path) and stage,
 * and the question waiting for a clarification. Persisted as JSON by the conversation store, so
 * new fields may be added (absent ones read as null).
 */
public record DialogState(String region, String stage, String pendingQuestion, String pendingSlot) {
  public static DialogState empty() {
    return new DialogState(null, null, null, null);
  }

  public static DialogState ofRegion(String region) {
    return new DialogState(region, null, null, null);
  }
}
