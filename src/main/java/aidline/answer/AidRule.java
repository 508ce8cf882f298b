package aidline.answer;

import aidline.values.Stage;
import java.util.Set;

/**
 * An eligibility statement without an amount: who is excluded ({@code exclusion}, e.g. 白城 民办/择校)
 * or who is entitled ({@code entitlement}, e.g. 海南 贫困家庭残疾学生全资助). Empty sets match anyone.
 */
public record AidRule(
    String id,
    Kind kind,
    String region,
    Set<Stage> stages,
    Set<String> schoolTypes,
    Set<String> categories,
    Set<String> items,
    String statement,
    AidStandard.Source source) {

  public enum Kind { EXCLUSION, ENTITLEMENT }
}
