package aidline.answer;

/**
 * What a question asks for, so the reply can lead with it: a sum of money, a phone number, a count,
 * a rate, how long, how often, when, where or to whom, how it is paid, the documents to bring, how to
 * go about it, yes or no — or nothing in particular. Read from the lexicon's question classes
 * ({@code questionClasses} in lexicon.yaml), so parents' spellings are data; the class name is also
 * the key of the answer shape ({@code answerTypes}) a sentence that answers it has.
 */
public enum Asked {
  DOCUMENTS("documents"),
  PHONE("phone"),
  COUNT("count"),
  RATE("rate"),
  FREQUENCY("frequency"),
  DURATION("duration"),
  TIME("time"),
  PAYMENT("payment"),
  PLACE("place"),
  AMOUNT("money"),
  HOW("manner"),
  YES_NO("yesno"),
  GENERAL("");

  private final String questionClass;

  Asked(String questionClass) {
    this.questionClass = questionClass;
  }

  /** The lexicon question class (and answer-shape key) of this kind of question; empty for GENERAL. */
  public String questionClass() {
    return questionClass;
  }

  /**
   * The kind of question, most specific first: 几部热线 asks a count, 热线号码 a phone number, 多久一次
   * how often, 补多少 (or 多少 beside a money word) a sum, 多少 alone a count, 能…不 yes or no.
   */
  public static Asked of(Lexicon lexicon, String text) {
    if (lexicon.asks("documents", text)) {
      return DOCUMENTS;
    }
    if (lexicon.asks("count", text)) {
      return COUNT;
    }
    if (lexicon.asks("phone", text)) {
      return PHONE;
    }
    if (lexicon.asks("rate", text) && lexicon.asks("quantity", text)) {
      return RATE;
    }
    if (lexicon.asks("frequency", text) && lexicon.asks("duration", text)) {
      return FREQUENCY;
    }
    if (lexicon.asks("duration", text)) {
      return DURATION;
    }
    if (lexicon.asks("time", text)) {
      return TIME;
    }
    if (lexicon.asks("payment", text)) {
      return PAYMENT;
    }
    if (lexicon.asks("place", text)) {
      return PLACE;
    }
    if (lexicon.asks("money", text) || (lexicon.asks("quantity", text) && lexicon.aboutMoney(text))) {
      return AMOUNT;
    }
    if (lexicon.asks("quantity", text)) {
      return COUNT;
    }
    if (lexicon.asks("manner", text) || lexicon.asks("steps", text)) {
      return HOW;
    }
    if (lexicon.asks("yesno", text) || lexicon.endsAsYesNo(text)) {
      return YES_NO;
    }
    return GENERAL;
  }
}
