package aidline.answer;

import aidline.values.Stage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * One per-student or per-teacher amount from a policy document, with who qualifies and its verbatim
 * source. {@code base} + {@code supplement} = {@code amount} when the document combines them
 * ("在原有…基础上再增补1000元"); both null otherwise. {@code boarder} null means anyone.
 */
public record AidStandard(
    String id,
    String region,
    Set<Stage> stages,
    String item,
    String name,
    BigDecimal amount,
    String unit,
    Boolean boarder,
    Set<String> schoolTypes,
    Set<String> categories,
    String conditions,
    BigDecimal base,
    BigDecimal supplement,
    List<String> exempt,
    Source source) {

  /** Where a standard or rule comes from; {@code quote} is verbatim from the cleaned document. */
  public record Source(String docId, String title, String docNumber, String region, String section, String quote) {}

  public boolean combined() {
    return base != null && supplement != null;
  }
}
