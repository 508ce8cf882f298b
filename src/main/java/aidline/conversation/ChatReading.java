package aidline.conversation;

/**
 * The bot's one reading of a message: everything it routes on, recognised once, before any flow
 * or the answer engine sees the message.
 *
 * @param text the message normalised (simplified, half-width, trimmed); what the engine is given
 * @param bare the text without trailing punctuation; what form answers are compared with
 * @param yes agrees (是, 好的, 确认…)
 * @param no declines (否, 不用…)
 * @param cancel asks to leave a form (取消, 算了…)
 * @param wantsPerson asks for a person (人工, 转人工)
 * @param satisfied the 回访 answer: true 满意, false 不满意, null when the message is neither
 * @param asksTicketStatus asks about a work order ("查询工单", "工单进度")
 * @param ticketNo a work-order number written in the message (upper case), or null
 * @param asksAidStatus asks whether the child's aid was paid ("我家孩子的补助发了吗")
 * @param asksProgress asks how something the parent reported earlier is going ("之前报的事有进展没",
 *     "办好了吗"), with or without an order number; answered with the asker's own orders
 * @param question reads as a question (a question mark or a question word), never a form answer
 */
public record ChatReading(
    String text,
    String bare,
    boolean yes,
    boolean no,
    boolean cancel,
    boolean wantsPerson,
    Boolean satisfied,
    boolean asksTicketStatus,
    String ticketNo,
    boolean asksAidStatus,
    boolean asksProgress,
    boolean question) {

  /** Something other than an answer to a form field: a question or another intent (a 回访 answer too). */
  public boolean digression() {
    return question || asksTicketStatus || asksProgress || asksAidStatus || satisfied != null;
  }
}
