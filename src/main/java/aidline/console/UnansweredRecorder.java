package aidline.console;

import aidline.answer.AnswerEngine;
import aidline.answer.DialogState;
import aidline.answer.Intent;
import aidline.answer.Turn;
import aidline.storage.Database;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the answer engine and keeps the questions it could not answer (handed off or not
 * understood) for the dashboard. Long digit runs are masked first: parents type ID and phone
 * numbers into chat, and this table is not the place for them.
 */
public final class UnansweredRecorder implements AnswerEngine {
  private static final Logger log = LoggerFactory.getLogger(UnansweredRecorder.class);
  private static final Pattern DIGITS = Pattern.compile("[0-9Xx]{6,}");

  private final AnswerEngine engine;
  private final Database db;
  private final Clock clock;

  public UnansweredRecorder(AnswerEngine engine, Database db, Clock clock) {
    this.engine = engine;
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Turn answer(String text, DialogState state) {
    Turn turn = engine.answer(text, state);
    Intent intent = turn.answer().intent();
    boolean notUnderstood = intent == Intent.UNKNOWN;
    boolean handedOff = turn.answer().handoff() && intent != Intent.TICKET_NEW && intent != Intent.TICKET_STATUS;
    if (notUnderstood || handedOff) {
      record(text, intent, handedOff ? "handoff" : "unknown");
    }
    return turn;
  }

  static String mask(String text) {
    return DIGITS.matcher(text).replaceAll("＊＊＊");
  }

  private void record(String text, Intent intent, String reason) {
    try {
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO unanswered_question (at, text, intent, reason) VALUES (?,?,?,?)")) {
          ps.setLong(1, clock.millis());
          String t = mask(text == null ? "" : text.strip());
          ps.setString(2, t.length() > 500 ? t.substring(0, 500) : t);
          ps.setString(3, intent.wire());
          ps.setString(4, reason);
          return ps.executeUpdate();
        }
      });
    } catch (RuntimeException e) {
      // the parent's answer matters more than the statistic
      log.warn("could not record an unanswered question: {}", e.getMessage());
    }
  }
}
