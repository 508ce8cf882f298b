package aidline.knowledge;

/**
 * A piece of a document cut along its own headings. {@code section} is the heading path as the
 * document numbers it (五、政策措施 > （二） > 2.), used in citations.
 */
public record Passage(
    String docId, String title, String docNumber, String region, String section, String text) {

  /** The compact citation of {@code section}: 五（二）2. */
  public String citation() {
    return SectionPath.compact(section);
  }
}
