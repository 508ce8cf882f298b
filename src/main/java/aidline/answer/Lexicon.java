package aidline.answer;

import aidline.knowledge.KnowledgeException;
import aidline.values.Stage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The vocabulary questions are read with ({@code knowledge-base/lexicon.yaml}): stage, household,
 * school-type, item and intent cue words. Vocabulary is data so staff can add colloquial words.
 */
public final class Lexicon {
  private final Map<String, List<String>> stages;
  private final Map<String, List<String>> stageGroups;
  private final List<String> boarder;
  private final Map<String, List<String>> boarderItems;
  private final Map<String, List<String>> categories;
  private final Map<String, List<String>> schoolTypes;
  private final Map<String, List<String>> items;
  private final Map<String, List<String>> intents;
  private final List<String> domain;
  private final Map<String, List<String>> expansions;
  private final List<String> questionWords;
  private final Map<String, Pattern> answerTypes = new LinkedHashMap<>();
  /** Kinds of question word (duration, time, quantity, yesNo, list …), each a list of spellings. */
  private final Map<String, List<String>> questionClasses;
  private final List<String> yesNoEndings;
  private final List<String> moreWords;
  private final List<String> money;
  private final List<String> places;
  private final List<String> placeSuffixes;
  private final Pattern ticketNumber;

  Lexicon(JsonNode root) {
    questionClasses = groups(root.path("questionClasses"));
    stages = groups(root.path("stages"));
    stageGroups = groups(root.path("stageGroups"));
    boarder = words(root.path("boarder"));
    boarderItems = groups(root.path("boarderItems"));
    categories = groups(root.path("categories"));
    schoolTypes = groups(root.path("schoolTypes"));
    items = groups(root.path("items"));
    intents = expandClasses(groups(root.path("intents")));
    domain = words(root.path("domain"));
    expansions = groups(root.path("expansions"));
    questionWords = expandClasses(Map.of("", words(root.path("questionWords")))).get("");
    yesNoEndings = words(root.path("yesNoEndings"));
    moreWords = words(root.path("more"));
    money = words(root.path("money"));
    places = words(root.path("places").path("names"));
    placeSuffixes = words(root.path("places").path("suffixes"));
    String ticket = root.path("ticketNumber").asText("");
    try {
      ticketNumber = ticket.isBlank() ? null : Pattern.compile(ticket, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException ex) {
      throw new KnowledgeException("词表 ticketNumber 不是有效的正则表达式");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("answerTypes").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        answerTypes.put(e.getKey(), Pattern.compile(e.getValue().asText()));
      } catch (PatternSyntaxException ex) {
        throw new KnowledgeException("词表 answerTypes." + e.getKey() + " 不是有效的正则表达式");
      }
    }
    for (String s : stages.keySet()) {
      checkStage(s);
    }
    for (Map<String, List<String>> m : List.of(stages, categories, schoolTypes, items)) {
      ordered.put(m, orderedWords(m));
    }
    stageGroups.values().forEach(l -> l.forEach(Lexicon::checkStage));
  }

  private static void checkStage(String s) {
    try {
      Stage.fromWire(s);
    } catch (IllegalArgumentException e) {
      throw new KnowledgeException("词表中的学段名称无效: " + s);
    }
  }

  /** No vocabulary: every message reads as off-topic or unknown (a knowledge base without lexicon.yaml). */
  public static Lexicon empty() {
    return new Lexicon(new ObjectMapper().createObjectNode());
  }

  public static Lexicon load(Path file) {
    if (!Files.exists(file)) {
      return empty();
    }
    try {
      return new Lexicon(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
    } catch (IOException e) {
      throw new KnowledgeException("无法读取词表文件 " + file + ": " + e.getMessage());
    }
  }

  private static Map<String, List<String>> groups(JsonNode node) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), words(e.getValue()));
    }
    return map;
  }

  private static List<String> words(JsonNode node) {
    List<String> list = new ArrayList<>();
    node.forEach(n -> list.add(n.asText().trim().toLowerCase()));
    list.sort(Comparator.comparingInt(String::length).reversed());
    return List.copyOf(list);
  }

  /** Stages named in the text; a word inside a longer matched word (高中 in 普通高中) is not counted twice. */
  public Set<Stage> stagesIn(String text) {
    Set<Stage> found = stagesNamed(text);
    if (found.size() > 1) {
      // "班主任老师说初中住校有补助": a pupil's stage beside 老师 means the question is about the pupil
      found.remove(Stage.TEACHER);
    }
    return found;
  }

  /** Every stage a text names, teachers included (a document sentence about 特岗教师 and 义务教育). */
  public Set<Stage> stagesNamed(String text) {
    Set<Stage> found = EnumSet.noneOf(Stage.class);
    for (String key : keysIn(text, stages)) {
      found.add(Stage.fromWire(key));
    }
    stageGroups.forEach((word, list) -> {
      if (text.contains(word)) {
        list.forEach(s -> found.add(Stage.fromWire(s)));
      }
    });
    return found;
  }

  public boolean boarder(String text) {
    return boarder.stream().anyMatch(text::contains);
  }

  public Set<String> categoriesIn(String text) {
    return keysIn(text, categories);
  }

  /** Words that deny the household word after them: 非建档立卡, 不是贫困户. */
  private static final Pattern DENIAL = Pattern.compile("(非|不是|不属于|没有|没评上|没被评为|不算)");

  /** Household categories the text denies ("我们不是建档立卡户" → registeredPoor). */
  public Set<String> deniedCategoriesIn(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = DENIAL.matcher(text);
    while (m.find()) {
      String after = text.substring(m.end(), Math.min(text.length(), m.end() + 6));
      for (Word w : ordered(categories)) {
        if (after.startsWith(w.word())) {
          out.add(w.key());
          break;
        }
      }
    }
    return out;
  }

  /** The text with denied household words blanked out, so they are not read as the asker's. */
  public String withoutDenied(String text) {
    StringBuilder sb = new StringBuilder(text);
    Matcher m = DENIAL.matcher(text);
    while (m.find()) {
      String after = text.substring(m.end(), Math.min(text.length(), m.end() + 6));
      for (Word w : ordered(categories)) {
        if (after.startsWith(w.word())) {
          for (int i = m.start(); i < m.end() + w.word().length(); i++) {
            sb.setCharAt(i, ' ');
          }
          break;
        }
      }
    }
    return sb.toString();
  }

  public Set<String> schoolTypesIn(String text) {
    return keysIn(text, schoolTypes);
  }

  public Set<String> itemsIn(String text) {
    return keysIn(text, items);
  }

  /**
   * The aid items a boarder's question names: for a boarder, some words name what the boarder's
   * living subsidy pays (住校吃饭有补贴不 asks for 寄宿生生活补助), as {@code boarderItems} says; a named
   * programme (午餐, 营养餐) stays that item.
   */
  public Set<String> boarderItemsIn(String text) {
    Set<String> out = new LinkedHashSet<>();
    String rest = text;
    for (Map.Entry<String, List<String>> e : boarderItems.entrySet()) {
      for (String w : e.getValue()) {
        if (rest.contains(w)) {
          out.add(e.getKey());
          rest = rest.replace(w, " ");
        }
      }
    }
    out.addAll(itemsIn(rest));
    return out;
  }

  /** The word of an aid item as the text writes it (营养餐 → 营养), or null. */
  public String itemWord(String item, String text) {
    String lower = text.toLowerCase();
    return items.getOrDefault(item, List.of()).stream().filter(lower::contains).findFirst().orElse(null);
  }

  public boolean cue(String intent, String text) {
    return intents.getOrDefault(intent, List.of()).stream().anyMatch(text.toLowerCase()::contains);
  }

  /** Extra query words for the question words in the text (多长时间 → 为期 …). */
  public List<String> expansions(String text) {
    List<String> out = new ArrayList<>();
    expansions.forEach((k, ws) -> {
      if (asks(k, text)) {
        out.addAll(ws);
      }
    });
    return out;
  }

  /**
   * For each answer shape the text asks for, the question words that asked for it (热线号码 → phone
   * shape, [热线, 号码]): a sentence with that shape answers those words.
   */
  public Map<Pattern, List<String>> askedShapes(String text) {
    Map<Pattern, List<String>> out = new LinkedHashMap<>();
    answerTypes.forEach((k, p) -> {
      List<String> cls = questionClasses.get(k);
      List<String> words = cls == null ? (text.contains(k) ? List.of(k) : List.of()) : cls.stream().filter(text::contains).toList();
      if (!words.isEmpty()) {
        out.put(p, words);
      }
    });
    return out;
  }

  /** What an answer of one question class looks like (phone → a number of 5+ digits); null when unknown. */
  public Pattern answerShape(String questionClass) {
    return answerTypes.get(questionClass);
  }

  /**
   * "@duration" in an intent or questionWords list stands for every word of that question class, so
   * a class (几天, 多久, 多长时间 …) is written once and used everywhere.
   */
  private Map<String, List<String>> expandClasses(Map<String, List<String>> lists) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    lists.forEach((k, ws) -> {
      List<String> all = new ArrayList<>();
      for (String w : ws) {
        if (w.startsWith("@")) {
          List<String> cls = questionClasses.get(w.substring(1));
          if (cls == null) {
            throw new KnowledgeException("词表引用了不存在的问句类别: " + w);
          }
          all.addAll(cls);
        } else {
          all.add(w);
        }
      }
      all.sort(Comparator.comparingInt(String::length).reversed());
      out.put(k, List.copyOf(all));
    });
    return out;
  }

  /** True when the text asks with a word of the class {@code key}, or (not a class name) contains {@code key}. */
  public boolean asks(String key, String text) {
    List<String> cls = questionClasses.get(key);
    return cls == null ? text.contains(key) : cls.stream().anyMatch(text::contains);
  }

  /** The whole message asks for the rest of the last answer (更多, 看全部). */
  public boolean asksMore(String text) {
    String bare = text.replaceAll("[\\p{Punct}？！。，、“”‘’：；～~\\s]+", "");
    return moreWords.contains(bare);
  }

  /** A yes/no question by its ending: 能免学费不, 有补助吗. */
  public boolean endsAsYesNo(String text) {
    String bare = text.replaceAll("[？?！!。，,.~～\\s]+$", "");
    return yesNoEndings.stream().anyMatch(bare::endsWith);
  }

  /** True when the text is about a sum of money (补多少, 学费 …), not a rate or a count. */
  public boolean aboutMoney(String text) {
    return money.stream().anyMatch(text::contains) || !itemsIn(text).isEmpty();
  }

  /**
   * True when a passage sentence is about what the question names: a boarder's aid mentions boarding,
   * an aid item (午餐, 助学金) is mentioned — a 乡村教师生活补助 sentence does not answer 寄宿生生活补助.
   */
  public boolean mentions(Slots slots, String sentence) {
    if (slots.boarder() && !boarder(sentence) && !sentence.contains("寄宿")) {
      return false;
    }
    if (!slots.items().isEmpty() && itemsIn(sentence).stream().noneMatch(slots.items()::contains)) {
      return false;
    }
    return true;
  }

  /** True when the text names a work order by its number (JY20261123-0007). */
  public boolean namesTicket(String text) {
    return ticketNumber != null && ticketNumber.matcher(text).find();
  }

  /**
   * A place named in the text that is not one of ours: a listed province or city (广州, 北京), with
   * the administrative suffix written after it (长沙县 is not 长沙市). Never read from a suffix alone:
   * 有几所省一级高中, 我们县, 城区 are ordinary words. Returns null when there is none. Call it only
   * when no known region was found.
   */
  public String placeIn(String text) {
    for (String p : places) {
      int at = text.indexOf(p);
      if (at >= 0) {
        String after = text.substring(at + p.length());
        return placeSuffixes.stream().filter(after::startsWith).findFirst().map(x -> p + x).orElse(p);
      }
    }
    return null;
  }


  /** The text without its question words (多长时间, 什么时候 …): what is left is the content asked about. */
  public String withoutQuestionWords(String text) {
    String t = text;
    for (String k : questionWords) {
      t = t.replace(k, " ");
    }
    return t;
  }

  /** True when the text is about student aid at all. */
  public boolean aboutAid(String text) {
    return domain.stream().anyMatch(text::contains)
        || !stagesIn(text).isEmpty()
        || !itemsIn(text).isEmpty()
        || !categoriesIn(text).isEmpty();
  }

  private record Word(String key, String word) {}

  /** Words of each group map, longest first; filled in the constructor, read-only afterwards. */
  private final Map<Map<String, List<String>>, List<Word>> ordered = new IdentityHashMap<>();

  private static List<Word> orderedWords(Map<String, List<String>> groups) {
    List<Word> all = new ArrayList<>();
    groups.forEach((k, ws) -> ws.forEach(w -> all.add(new Word(k, w))));
    all.sort(Comparator.comparingInt((Word w) -> w.word().length()).reversed());
    return List.copyOf(all);
  }

  private List<Word> ordered(Map<String, List<String>> groups) {
    return ordered.get(groups);
  }

  /** Keys whose words occur in the text, longest words first, each text position used once. */
  private Set<String> keysIn(String text, Map<String, List<String>> groups) {
    String lower = text.toLowerCase();
    boolean[] used = null;
    Set<String> found = new LinkedHashSet<>();
    for (Word w : ordered(groups)) {
      int from = 0;
      int at;
      while (!w.word().isEmpty() && (at = lower.indexOf(w.word(), from)) >= 0) {
        from = at + 1;
        if (used == null) {
          used = new boolean[lower.length()];
        }
        boolean free = true;
        for (int i = at; i < at + w.word().length(); i++) {
          free &= !used[i];
        }
        if (free) {
          for (int i = at; i < at + w.word().length(); i++) {
            used[i] = true;
          }
          found.add(w.key());
        }
      }
    }
    return found;
  }
}
