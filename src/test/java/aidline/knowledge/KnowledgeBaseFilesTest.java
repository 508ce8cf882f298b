package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The reviewed files in knowledge-base/ as committed: readable, clean, regions as full paths. */
class KnowledgeBaseFilesTest {
  static final Path KB = Path.of("knowledge-base");
  static final List<String> SEED_003 = List.of("anshan-jyfp", "school-aid-procedure", "city-jyfp-plan");
  /** The reviewed documents committed when this test was written; the base only grows. */
  static final int MIN_DOCUMENTS = 7;

  @Test
  void everyFileReadsAndIsPublishedWithAKnownRegion() {
    Regions regions = Regions.load(KB.resolve("regions.yaml"));
    Set<String> ids = new HashSet<>();
    List<KnowledgeFolder.Entry> entries = KnowledgeFolder.readAll(KB);
    // properties, not a pinned count: every .md file is read, and the reviewed seeds are all there
    assertEquals(markdownFiles(), entries.stream().map(e -> e.file().getFileName().toString()).sorted().toList());
    assertTrue(entries.size() >= MIN_DOCUMENTS, entries.size() + " documents, expected at least " + MIN_DOCUMENTS);
    for (KnowledgeFolder.Entry e : entries) {
      assertTrue(e.ok(), e.file() + ": " + e.error());
      PolicyDocument d = e.document();
      assertTrue(ids.add(d.id()), "duplicate id " + d.id());
      assertEquals(d.id() + ".md", e.file().getFileName().toString());
      assertEquals("published", d.status());
      assertEquals("policy", d.kind());
      assertTrue(Region.UNKNOWN.equals(d.region()) || regions.byPath(d.region()).isPresent(), d.id() + " region " + d.region());
    }
    assertTrue(ids.containsAll(SEED_003), "seed 003 documents missing: " + ids);
  }

  @Test
  void seed003DocumentsHaveNoGlossesTraditionalOrSiteText() {
    for (String id : SEED_003) {
      String text = KnowledgeFolder.read(KB.resolve(id + ".md")).document().body();
      assertFalse(SeedText.PINYIN_GLOSS.matcher(text).find(), id + " has a pinyin gloss");
      assertEquals(Set.of(), SeedText.traditionalChars(text), id + " has Traditional characters");
      for (String s : SeedText.SITE_TEXT) {
        assertFalse(text.contains(s), id + " contains " + s);
      }
      assertFalse(text.contains("??"), id + " has mojibake left");
    }
  }

  @Test
  void unknownRegionsSayWhy() {
    for (String id : List.of("school-aid-procedure", "city-jyfp-plan")) {
      var parsed = FrontMatter.parse(readString(KB.resolve(id + ".md")));
      assertEquals(Region.UNKNOWN, parsed.fields().get("region"));
      assertTrue(parsed.fields().getOrDefault("regionNote", "").length() > 10, id + " explains its unknown region");
    }
  }

  private static List<String> markdownFiles() {
    try (Stream<Path> files = Files.list(KB)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
