package aidline.student;

import aidline.answer.AidRule;
import aidline.answer.AidStandard;
import aidline.answer.AidStandards;
import aidline.answer.Citation;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.values.Stage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Entitlements from the aid-standards table ({@code knowledge-base/standards.yaml}): a standard
 * applies when its region covers the student's household region, its stages include the student's,
 * its boarder condition holds and the student is in one of its categories; an exclusion rule that
 * applies takes its items away. Left out, because the roll cannot show them or they are not owed:
 * standards for particular school types (特殊教育, 民办 …), teachers' standards, and loans (a cap
 * one may borrow up to). When two documents set the same item, the one for the narrower region wins
 * (a county's rule over its city's).
 */
public final class StandardsEntitlementRules implements EntitlementRules {
  /** Every category on a roll makes the household 家庭经济困难 in the table's sense. */
  static final String HARDSHIP = "hardship";
  private static final Set<String> NOT_OWED = Set.of("loan");

  private final AidStandards standards;
  private final Regions regions;

  public StandardsEntitlementRules(AidStandards standards, Regions regions) {
    this.standards = standards;
    this.regions = regions;
  }

  @Override
  public List<Entitlement> entitlementsFor(StudentProfile s, String schoolYear) {
    Optional<Region> region = regions.byPath(s.region());
    if (region.isEmpty()) {
      return List.of();
    }
    Stage stage = s.stage();
    Set<String> categories = categories(s);
    Set<String> excludedItems = new HashSet<>();
    boolean excludedAll = false;
    for (AidRule r : standards.rules()) {
      if (r.kind() == AidRule.Kind.EXCLUSION && r.schoolTypes().isEmpty() && applies(region.get(), r.region())
          && (r.stages().isEmpty() || r.stages().contains(stage))
          && (r.categories().isEmpty() || r.categories().stream().anyMatch(categories::contains))) {
        if (r.items().isEmpty()) {
          excludedAll = true;
        }
        excludedItems.addAll(r.items());
      }
    }
    if (excludedAll) {
      return List.of();
    }
    // item key (living, grant …) → the most specific standard for it
    Map<String, AidStandard> best = new LinkedHashMap<>();
    for (AidStandard a : standards.standards()) {
      if (!applies(region.get(), a.region())
          || (!a.stages().isEmpty() && !a.stages().contains(stage)) || a.stages().contains(Stage.TEACHER)
          || (a.boarder() != null && a.boarder() != s.boarder())
          || !a.schoolTypes().isEmpty()
          || NOT_OWED.contains(a.item())
          || excludedItems.contains(a.item())
          || (!a.categories().isEmpty() && a.categories().stream().noneMatch(categories::contains))) {
        continue;
      }
      best.merge(a.item(), a, (old, neu) -> depth(neu.region()) > depth(old.region()) ? neu : old);
    }
    List<Entitlement> out = new ArrayList<>();
    for (AidStandard a : best.values()) {
      AidStandard.Source src = a.source();
      out.add(new Entitlement(a.name(), a.amount(), a.unit(),
          new Citation(src.docId(), src.title(), src.docNumber(), src.region(), src.section(), src.quote())));
    }
    return out;
  }

  private static boolean applies(Region student, String docRegion) {
    return student.isCoveredBy(docRegion);
  }

  /** Region paths only grow downwards, so a longer path is a narrower region. */
  private static int depth(String regionPath) {
    return regionPath == null ? 0 : regionPath.length();
  }

  static Set<String> categories(StudentProfile s) {
    Set<String> out = new HashSet<>();
    EnumSet.copyOf(s.categories().isEmpty() ? EnumSet.noneOf(HouseholdCategory.class) : s.categories())
        .forEach(c -> out.add(c.code()));
    if (!out.isEmpty()) {
      out.add(HARDSHIP);
    }
    return out;
  }
}
