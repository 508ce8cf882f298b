package aidline.conversation;

import aidline.knowledge.KnowledgeException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises "我家孩子的补助发了吗" from the {@code aidStatus} words of {@code lexicon.yaml}: vocabulary
 * is data so staff can add how parents really ask. Text is expected normalised (ChineseText).
 */
public record AidStatusQuestions(
    List<String> subjects, List<String> asks, List<String> lookups, List<String> mine, List<String> complaints) {

  public AidStatusQuestions {
    subjects = List.copyOf(subjects);
    asks = List.copyOf(asks);
    lookups = List.copyOf(lookups);
    mine = List.copyOf(mine);
    complaints = List.copyOf(complaints);
  }

  /** No words: nothing is recognised, so the bot behaves as before (e.g. a foreign knowledge base). */
  public static AidStatusQuestions none() {
    return new AidStatusQuestions(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** Reads the {@code aidStatus} section; a missing file or section means {@link #none()}. */
  public static AidStatusQuestions load(Path lexicon) {
    if (!Files.exists(lexicon)) {
      return none();
    }
    try {
      JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(lexicon.toFile()).path("aidStatus");
      return new AidStatusQuestions(
          words(n.path("subjects")), words(n.path("asks")), words(n.path("lookups")), words(n.path("mine")), words(n.path("complaints")));
    } catch (IOException e) {
      throw new KnowledgeException("无法读取词表文件 " + lexicon + ": " + e.getMessage());
    }
  }

  /**
   * True for a question about whether/when the child's aid was paid. A complaint word wins, so
   * "补助没到账，我要反映" still opens a work order; a bare lookup ("查一下补助标准") must be about the
   * asker's own child, or it is a policy question for the answer engine.
   */
  public boolean matches(String text) {
    if (text == null || !any(text, subjects) || any(text, complaints)) {
      return false;
    }
    return any(text, asks) || (any(text, lookups) && any(text, mine));
  }

  private static boolean any(String text, List<String> words) {
    for (String w : words) {
      if (text.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> words(JsonNode node) {
    List<String> list = new ArrayList<>();
    node.forEach(w -> {
      String s = w.asText().trim();
      if (!s.isEmpty()) {
        list.add(s);
      }
    });
    return list;
  }
}
