package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.KnowledgeException;
import aidline.knowledge.Regions;
import aidline.values.Stage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AidStandardsTest {
  @TempDir Path dir;

  private AidStandards load() throws IOException {
    Fixtures.write(dir);
    return Fixtures.standards(dir);
  }

  private static Slots slots(Set<Stage> stages, boolean boarder, Set<String> schoolTypes) {
    return new Slots(null, stages, boarder, Set.of(), schoolTypes, Set.of());
  }

  @Test
  void loadsEntriesWithDocumentTitleAndRegionFromTheDocument() throws IOException {
    AidStandards t = load();
    assertEquals(4, t.standards().size());
    AidStandard as = t.standards().get(2);
    assertEquals("辽宁省鞍山市", as.region());
    assertEquals("鞍山市方案", as.source().title());
    assertTrue(as.combined());
    assertEquals(new BigDecimal("1250"), as.base());
  }

  @Test
  void quoteIsFoundDespiteSpacesAndPunctuationWidth() throws IOException {
    // the document writes "（2000 元/生·年）" with a space; the entry quotes it without
    AidStandards t = load();
    assertEquals("bc-senior", t.standards().get(3).id());
  }

  @Test
  void quoteNotInDocumentFailsNamingTheEntry() throws IOException {
    Fixtures.write(dir);
    Files.writeString(dir.resolve("standards.yaml"), Fixtures.STANDARDS.replaceFirst("初中1250元。", "初中1250元整。"));
    KnowledgeException e =
        assertThrows(KnowledgeException.class, () -> Fixtures.standards(dir));
    assertTrue(e.getMessage().contains("yy-junior") && e.getMessage().contains("引文"), e.getMessage());
  }

  @Test
  void amountNotInQuoteFailsNamingTheEntry() throws IOException {
    Fixtures.write(dir);
    Files.writeString(dir.resolve("standards.yaml"), Fixtures.STANDARDS.replace("amount: 2000", "amount: 3000"));
    KnowledgeException e =
        assertThrows(KnowledgeException.class, () -> Fixtures.standards(dir));
    assertTrue(e.getMessage().contains("bc-senior") && e.getMessage().contains("3000"), e.getMessage());
  }

  @Test
  void combinationMustAddUp() throws IOException {
    Fixtures.write(dir);
    Files.writeString(dir.resolve("standards.yaml"), Fixtures.STANDARDS.replace("amount: 2250", "amount: 2200"));
    KnowledgeException e =
        assertThrows(KnowledgeException.class, () -> Fixtures.standards(dir));
    assertTrue(e.getMessage().contains("as-junior"), e.getMessage());
  }

  @Test
  void numberInsideALargerNumberDoesNotCount() {
    assertTrue(AidStandards.containsNumber("每生每年18000元", new BigDecimal("18000")));
    assertTrue(!AidStandards.containsNumber("每生每年18000元", new BigDecimal("8000")));
  }

  @Test
  void countyIsAnsweredFromItsCityAndFiltersNarrow() throws IOException {
    AidStandards t = load();
    Regions regions = Fixtures.regions(dir);
    var taian = regions.resolve("台安").orElseThrow();
    List<AidStandard> junior = t.select(taian, slots(Set.of(Stage.JUNIOR), true, Set.of()));
    assertEquals(List.of("as-junior"), junior.stream().map(AidStandard::id).toList());
    var huarong = regions.resolve("华容").orElseThrow();
    assertEquals(
        List.of("yy-primary"),
        t.select(huarong, slots(Set.of(Stage.PRIMARY), false, Set.of())).stream().map(AidStandard::id).toList());
    assertEquals(3, t.select(null, slots(Set.of(Stage.JUNIOR, Stage.SENIOR), false, Set.of())).size());
  }

  @Test
  void exclusionRuleNeedsTheSchoolType() throws IOException {
    AidStandards t = load();
    var baicheng = Fixtures.regions(dir).resolve("白城").orElseThrow();
    assertEquals(1, t.rules(AidRule.Kind.EXCLUSION, baicheng, slots(Set.of(), false, Set.of("private"))).size());
    assertEquals(0, t.rules(AidRule.Kind.EXCLUSION, baicheng, slots(Set.of(), false, Set.of())).size());
  }

  @Test
  void theProjectTableMatchesTheProjectDocuments() {
    // start-up check on the real knowledge base: every quote and amount verified
    Path kb = Path.of("knowledge-base");
    AidStandards t = Fixtures.standards(kb);
    assertTrue(t.standards().size() >= 20, "standards: " + t.standards().size());
    for (AidStandard s : t.standards()) {
      assertTrue(AidStandards.containsNumber(s.source().quote(), s.amount()), s.id());
    }
  }
}
