package aidline.student;

import aidline.answer.AidStandard;
import aidline.answer.AidStandards;
import aidline.answer.Citation;
import aidline.answer.Entitlements;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Entitlements from the aid-standards table ({@code knowledge-base/standards.yaml}), matched by
 * {@link Entitlements#owedTo} — the same matcher the chat's answers use, so a parent and the staff
 * lookup are told the same. This adapter only turns a student's record into the matcher's terms and
 * its standards into cited entitlements.
 */
public final class StandardsEntitlementRules implements EntitlementRules {
  /** Every category on a roll makes the household 家庭经济困难 in the table's sense. */
  static final String HARDSHIP = "hardship";

  private final Entitlements entitlements;
  private final Regions regions;

  public StandardsEntitlementRules(AidStandards standards, Regions regions) {
    this.entitlements = new Entitlements(standards);
    this.regions = regions;
  }

  @Override
  public List<Entitlement> entitlementsFor(StudentProfile s, String schoolYear) {
    Optional<Region> region = regions.byPath(s.region());
    if (region.isEmpty()) {
      return List.of();
    }
    List<Entitlement> out = new ArrayList<>();
    for (AidStandard a : entitlements.owedTo(new Entitlements.Child(region.get(), s.stage(), s.boarder(), categories(s)))) {
      AidStandard.Source src = a.source();
      out.add(new Entitlement(a.name(), a.amount(), a.unit(),
          new Citation(src.docId(), src.title(), src.docNumber(), src.region(), src.section(), src.quote())));
    }
    return out;
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
