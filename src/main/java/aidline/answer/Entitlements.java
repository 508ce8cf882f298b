package aidline.answer;

import aidline.knowledge.Region;
import aidline.values.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who an aid standard or rule is for: the one matcher behind the chat's answers
 * ({@link AidStandards#select}, {@link AidStandards#rules}) and the staff lookup's entitlements
 * ({@link #owedTo}), so the two cannot disagree about the same child. An empty condition on a
 * standard matches anyone; a question that leaves a slot open matches any value of it.
 */
public final class Entitlements {
  /** Loans are a cap one may borrow up to, not an amount owed. */
  private static final Set<String> NOT_OWED = Set.of("loan");

  private final AidStandards table;

  public Entitlements(AidStandards table) {
    this.table = table;
  }

  /**
   * A known child: household region (a full path), stage, boarding, and the household category
   * codes of standards.yaml (建档立卡 → {@code poor}, … plus {@code hardship} for any of them).
   */
  public record Child(Region region, Stage stage, boolean boarder, Set<String> categories) {}

  /**
   * The standards a child is owed: a standard applies when its region covers the child's, its stages
   * include the child's, its boarder condition holds and the child is in one of its categories; an
   * exclusion rule that applies takes its items away (all of them if it names none). Left out, because
   * a roll cannot show them or they are not owed: standards for a school type (特殊教育, 民办 …),
   * teachers' standards and loans. When two documents set one item, the narrower region's wins.
   */
  public List<AidStandard> owedTo(Child c) {
    Set<Stage> stage = Set.of(c.stage());
    Set<String> excludedItems = new HashSet<>();
    for (AidRule r : table.rules()) {
      if (r.kind() == AidRule.Kind.EXCLUSION && schoolTypes(r.schoolTypes(), Set.of()) && c.region().isCoveredBy(r.region())
          && stages(r.stages(), stage) && categories(r.categories(), c.categories())) {
        if (r.items().isEmpty()) {
          return List.of();
        }
        excludedItems.addAll(r.items());
      }
    }
    // item key (living, grant …) → the most specific standard for it
    Map<String, AidStandard> best = new LinkedHashMap<>();
    for (AidStandard a : table.standards()) {
      if (c.region().isCoveredBy(a.region()) && stages(a.stages(), stage) && !a.stages().contains(Stage.TEACHER)
          && (a.boarder() == null || a.boarder() == c.boarder()) && schoolTypes(a.schoolTypes(), Set.of())
          && !NOT_OWED.contains(a.item()) && !excludedItems.contains(a.item()) && categories(a.categories(), c.categories())) {
        best.merge(a.item(), a, (old, neu) -> depth(neu.region()) > depth(old.region()) ? neu : old);
      }
    }
    return new ArrayList<>(best.values());
  }

  /** A standard's stages against those asked about: either side empty matches. */
  static boolean stages(Set<Stage> forWhom, Set<Stage> asked) {
    return asked.isEmpty() || forWhom.isEmpty() || forWhom.stream().anyMatch(asked::contains);
  }

  /** A standard written for school types (民办, 特殊教育 …) matches only a question naming one of them. */
  static boolean schoolTypes(Set<String> forWhom, Set<String> named) {
    return forWhom.isEmpty() || forWhom.stream().anyMatch(named::contains);
  }

  /** A standard for household categories matches only someone in one of them. */
  static boolean categories(Set<String> forWhom, Set<String> have) {
    return forWhom.isEmpty() || forWhom.stream().anyMatch(have::contains);
  }

  /** Region paths only grow downwards, so a longer path is a narrower region. */
  private static int depth(String regionPath) {
    return regionPath == null ? 0 : regionPath.length();
  }
}
