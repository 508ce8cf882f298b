package aidline.student;

import java.util.List;

/**
 * The port to the aid-standards table: what a student should receive in a school year given their
 * region, stage, boarding and household categories. Every entitlement carries its citation; an
 * implementation never invents an amount that no policy sentence states.
 */
public interface EntitlementRules {
  List<Entitlement> entitlementsFor(StudentProfile student, String schoolYear);

  /** Used until a standards table is wired: no entitlements, hence no gaps. */
  static EntitlementRules none() {
    return (student, schoolYear) -> List.of();
  }
}
