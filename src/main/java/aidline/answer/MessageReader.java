package aidline.answer;

import aidline.knowledge.ChineseText;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads a message into an intent and slots, using the lexicon's words and the region hierarchy. */
public final class MessageReader {
  private final Lexicon lexicon;
  private final Regions regions;

  public MessageReader(Lexicon lexicon, Regions regions) {
    this.lexicon = lexicon;
    this.regions = regions;
  }

  /** What one message understood: the normalised text, the intent, the slots, and the region named in it. */
  public record Reading(String text, Intent intent, Slots slots, Region regionInText) {}

  public Reading read(String raw, DialogState state) {
    String text = ChineseText.normalize(raw).trim();
    Region inText = regionIn(text).orElse(null);
    Region region = inText != null ? inText : known(state).orElse(null);
    Slots slots =
        new Slots(
            region,
            lexicon.stagesIn(text),
            lexicon.boarder(text),
            lexicon.categoriesIn(text),
            lexicon.schoolTypesIn(text),
            lexicon.itemsIn(text));
    return new Reading(text, intent(text, inText != null), slots, inText);
  }

  /** The most specific region named in the text (a county over its city). */
  public Optional<Region> regionIn(String text) {
    List<Region> found = regions.findIn(text);
    return found.stream().max(Comparator.comparingInt(Region::level));
  }

  Optional<Region> known(DialogState state) {
    if (state == null || state.region() == null || state.region().isBlank()) {
      return Optional.empty();
    }
    return regions.resolve(state.region());
  }

  Intent intent(String text, boolean namesRegion) {
    if (text.isEmpty()) {
      return Intent.UNKNOWN;
    }
    if (lexicon.cue("ticket_status", text) && (text.contains("工单") || text.contains("进度"))) {
      return Intent.TICKET_STATUS;
    }
    if (lexicon.cue("ticket_new", text)) {
      return Intent.TICKET_NEW;
    }
    boolean about = lexicon.aboutAid(text) || namesRegion || text.matches(".*[0-9]{5,}.*");
    if (!about) {
      return lexicon.cue("greeting", text) ? Intent.GREETING : Intent.OFFTOPIC;
    }
    if (lexicon.cue("amount", text)) {
      return Intent.AMOUNT;
    }
    if (lexicon.cue("eligibility", text) || text.endsWith("吗") || text.endsWith("不") || text.endsWith("没")) {
      return Intent.ELIGIBILITY;
    }
    if (lexicon.cue("procedure", text)) {
      return Intent.PROCEDURE;
    }
    if (lexicon.cue("policy", text)) {
      return Intent.POLICY;
    }
    return Intent.UNKNOWN;
  }
}
