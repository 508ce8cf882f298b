package aidline.knowledge;

import java.util.List;

/**
 * One administrative region. {@code path} is the full name from the province down (湖南省岳阳市华容县);
 * {@code lineage} lists the paths from the province to this region, so a document for 岳阳市 applies
 * to a student in 华容县 when the student's lineage contains the document's region.
 */
public record Region(String name, String path, int level, String parentPath, List<String> lineage) {
  public static final String NATIONWIDE = "全国";
  /** The region of a document whose source does not say where it applies. */
  public static final String UNKNOWN = "未知";

  /** True when a document issued for {@code docRegion} applies to someone in this region. */
  public boolean isCoveredBy(String docRegion) {
    return docRegion == null || docRegion.isBlank() || NATIONWIDE.equals(docRegion) || lineage.contains(docRegion);
  }
}
