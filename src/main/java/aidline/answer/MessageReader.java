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
  public record Reading(String text, Intent intent, Slots slots, Region regionInText, String unknownPlace, boolean listing) {
    public Reading(String text, Intent intent, Slots slots, Region regionInText) {
      this(text, intent, slots, regionInText, null, false);
    }
  }

  /** A message this short that names a region is the region itself (岳阳, 台安县, 湖南省岳阳市华容县). */
  private static final int BARE_PLACE = 12;

  /** The place a message names, from its text alone: one of our regions, or a place we lack. */
  private record Named(Region region, String unknownPlace) {}

  private Named named(String text) {
    Region inText = regionIn(text).orElse(null);
    String unknownPlace = unknownPlace(text, inText);
    if (unknownPlace != null) {
      // 香港 when a document is for 中国香港: a place a document names in full is ours, by any name
      Optional<Region> named = documentRegionNaming(unknownPlace);
      if (named.isPresent()) {
        return new Named(named.get(), null);
      }
    }
    return new Named(inText, unknownPlace);
  }

  /** Whether the message names one of our regions itself: then {@link Reading#regionInText()} is it, whatever the state. */
  public boolean namesRegion(String raw) {
    return named(ChineseText.normalize(raw).trim()).region() != null;
  }

  /**
   * What the engine's answer cache asks of a message before reading it whole: whether it names one
   * of our regions or a place we have no documents for, and its length once normalised.
   */
  record Place(boolean region, boolean unknown, int length) {}

  Place place(String raw) {
    String text = ChineseText.normalize(raw).trim();
    Named n = named(text);
    return new Place(n.region() != null, n.unknownPlace() != null, text.length());
  }

  public Reading read(String raw, DialogState state) {
    String text = ChineseText.normalize(raw).trim();
    Named place = named(text);
    Region inText = place.region();
    String unknownPlace = place.unknownPlace();
    Region region = inText != null ? inText : known(state).orElse(null);
    Slots slots =
        new Slots(
            region,
            lexicon.stagesIn(text),
            lexicon.boarder(text),
            lexicon.categoriesIn(lexicon.withoutDenied(text)),
            lexicon.schoolTypesIn(text),
            lexicon.boarder(text) ? lexicon.boarderItemsIn(text) : lexicon.itemsIn(text),
            lexicon.deniedCategoriesIn(text));
    Intent intent = intent(text, inText != null);
    if (intent == Intent.POLICY && lexicon.asks("quantity", text) && (slots.boarder() || !slots.categories().isEmpty())
        && !lexicon.asks("count", text) && !lexicon.asks("rate", text)) {
      // "建档立卡初中住校一年能拿多少": 多少 about a kind of pupil's aid is money, not a count
      intent = Intent.AMOUNT;
    }
    if (intent == Intent.UNKNOWN && slots.specific() && region != null) {
      // "鞍山建档立卡高中生补助": a region and a kind of aid with no question word asks for the standard
      intent = Intent.AMOUNT;
    }
    boolean listing = lexicon.asks("list", text) && !lexicon.asks("steps", text);
    return new Reading(text, intent, slots, inText, unknownPlace, listing);
  }

  /**
   * A place we have no documents for: named alone (广州), or below a province we only partly cover
   * (湖南长沙: we have 岳阳, not 长沙). Null when the message names none.
   */
  String unknownPlace(String text, Region inText) {
    if (inText != null && inText.level() > 1) {
      return null;
    }
    String rest = text;
    if (inText != null) {
      rest = rest.replace(inText.name(), " ");
      if (inText.name().length() > 2) {
        rest = rest.replace(inText.name().substring(0, inText.name().length() - 1), " ");
      }
    }
    return lexicon.placeIn(rest);
  }

  /** The least deep known region whose own name contains the place (中国香港 for 香港). */
  private Optional<Region> documentRegionNaming(String place) {
    return regions.all().stream()
        .filter(r -> r.name().contains(place))
        .min(Comparator.comparingInt(Region::level));
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
    if (lexicon.cue("ticket_status", text) || lexicon.namesTicket(text)) {
      return Intent.TICKET_STATUS;
    }
    if (lexicon.cue("ticket_new", text)) {
      return Intent.TICKET_NEW;
    }
    // a place alone ("岳阳") answers our question about where; a place inside a sentence with no aid
    // word (岳阳楼门票多少钱) is not about student aid
    boolean aboutAid = lexicon.aboutAid(text);
    if (!aboutAid && lexicon.cue("offtopic", text)) {
      // weather, travel, prices: not about aid even beside a place we have documents for (明天鞍山会下雪吗)
      return Intent.OFFTOPIC;
    }
    boolean about = aboutAid || (namesRegion && text.length() <= BARE_PLACE) || text.matches(".*[0-9]{5,}.*");
    if (!about) {
      return lexicon.cue("greeting", text) ? Intent.GREETING : Intent.OFFTOPIC;
    }
    if (lexicon.asks("duration", text) || lexicon.asks("time", text) || lexicon.asks("steps", text)) {
      // 公示几天, 资助申请什么时候交, 要交哪些材料: when, how long or what steps, even beside money words
      return Intent.PROCEDURE;
    }
    boolean countOrRate = lexicon.asks("count", text) || lexicon.asks("rate", text);
    if (lexicon.cue("amount", text) || (lexicon.asks("quantity", text) && lexicon.aboutMoney(text) && !countOrRate)) {
      return Intent.AMOUNT;
    }
    if (lexicon.cue("eligibility", text) || lexicon.endsAsYesNo(text)) {
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
