package aidline.conversation;

import aidline.answer.Amount;
import aidline.answer.Answer;
import aidline.answer.AnswerEngine;
import aidline.answer.Citation;
import aidline.answer.DialogState;
import aidline.answer.Intent;
import aidline.answer.Turn;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in answer engine for conversation and channel tests (the real one is another package's):
 * knows one cited amount, asks for the region when it is missing, and can be told to block until
 * released, to push an answer past a channel's time budget.
 */
public final class FakeEngine implements AnswerEngine {
  public static final Citation SOURCE =
      new Citation("hn-yy-2016-17", "岳阳市学生资助实施办法", "岳教体办通〔2016〕17号", "湖南省岳阳市", "五（二）2",
          "初中寄宿生生活补助标准为每生每年1250元");

  public final AtomicInteger calls = new AtomicInteger();
  private volatile CountDownLatch gate;
  private volatile String longReply;

  /** Every answer waits until {@link #release()}. */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  public void release() {
    CountDownLatch g = gate;
    if (g != null) {
      g.countDown();
    }
  }

  public void replyWith(String text) {
    longReply = text;
  }

  @Override
  public Turn answer(String text, DialogState state) {
    calls.incrementAndGet();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (longReply != null) {
      return new Turn(Answer.text(longReply, Intent.POLICY), state);
    }
    if (text.contains("人工") || text.contains("没到账") || text.contains("投诉")) {
      return new Turn(Answer.text("", Intent.TICKET_NEW), state);
    }
    if (text.contains("查询工单")) {
      return new Turn(Answer.text("", Intent.TICKET_STATUS), state);
    }
    if (text.contains("转学")) {
      return new Turn(new Answer("这个问题我没有找到依据。", Intent.UNKNOWN, List.of(), List.of(), null, true), state);
    }
    String region = text.contains("岳阳") ? "湖南省岳阳市" : state.region();
    if (text.contains("生活补助") || state.pendingQuestion() != null) {
      if (region == null) {
        String ask = "请问孩子在哪个市县上学？";
        return new Turn(new Answer(ask, Intent.AMOUNT, List.of(), List.of(), ask, false),
            new DialogState(null, null, text, "region"));
      }
      Answer a = new Answer("岳阳市初中寄宿生生活补助每生每年 1250 元。", Intent.AMOUNT,
          List.of(new Amount(new BigDecimal("1250"), "元/生·年", "寄宿生生活补助", "湖南省岳阳市")),
          List.of(SOURCE), null, false);
      return new Turn(a, new DialogState(region, state.stage(), null, null));
    }
    return new Turn(Answer.text("您好，请问有什么可以帮您？", Intent.GREETING), state);
  }
}
