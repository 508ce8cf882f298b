package aidline.knowledge;

/**
 * One policy document of the knowledge base: its front matter and its cleaned Markdown body.
 * {@code region} is a full path (湖南省岳阳市), 全国, or 未知 when the source does not say.
 */
public record PolicyDocument(
    String id,
    String title,
    String region,
    String issuer,
    String docNumber,
    String date,
    String status,
    String kind,
    String sourceUrl,
    String body) {

  public boolean published() {
    return !"draft".equalsIgnoreCase(status);
  }
}
