package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.Region;
import aidline.values.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chat and the staff lookup share one matcher: for every region, stage, boarding and category
 * of the real table, what a child is owed is among what the chat states for the same child.
 */
class EntitlementsTest {
  @Test
  void whatAChildIsOwedIsWhatTheChatStatesForThatChild() {
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of("knowledge-base"))) {
      AnswerKnowledge k = AnswerKnowledge.of(kb, Path.of("knowledge-base"));
      AidStandards table = k.standards();
      Entitlements entitlements = new Entitlements(table);
      List<String> disagreements = new ArrayList<>();
      int owed = 0;
      for (Region region : k.regions().all()) {
        for (Stage stage : EnumSet.complementOf(EnumSet.of(Stage.TEACHER))) {
          for (boolean boarder : new boolean[] {true, false}) {
            for (Set<String> categories : List.of(Set.<String>of(), Set.of("poor", "hardship"))) {
              List<AidStandard> child = entitlements.owedTo(new Entitlements.Child(region, stage, boarder, categories));
              List<AidStandard> chat = table.select(region, new Slots(region, Set.of(stage), boarder, categories, Set.of(), Set.of()));
              owed += child.size();
              child.stream().filter(a -> !chat.isEmpty() && !chat.contains(a))
                  .forEach(a -> disagreements.add(region.path() + " " + stage + " " + boarder + " " + categories + ": " + a.id()));
            }
          }
        }
      }
      assertTrue(owed > 0, "the table owes someone something");
      assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    }
  }

  @Test
  void aSchoolTypeStandardIsOnlyForAQuestionNamingThatType() {
    assertTrue(Entitlements.schoolTypes(Set.of(), Set.of()));
    assertFalse(Entitlements.schoolTypes(Set.of("special"), Set.of()));
    assertTrue(Entitlements.schoolTypes(Set.of("special"), Set.of("special")));
    assertTrue(Entitlements.stages(Set.of(Stage.JUNIOR), Set.of()), "an open question matches any stage");
    assertFalse(Entitlements.stages(Set.of(Stage.JUNIOR), Set.of(Stage.PRIMARY)));
    assertFalse(Entitlements.categories(Set.of("poor"), Set.of()));
  }
}
