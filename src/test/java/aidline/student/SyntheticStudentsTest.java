package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.demo.StudentDemo;
import aidline.demo.SyntheticStudents;
import aidline.knowledge.Regions;
import aidline.values.NationalId;
import aidline.values.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticStudentsTest {
  SyntheticStudents synthetic = new SyntheticStudents(TestStudents.regions(), LocalDate.of(2026, 11, 23));

  @Test
  void studentsAreValidUniqueAndObviouslySynthetic() {
    Set<String> ids = new HashSet<>();
    Set<Stage> stages = new HashSet<>();
    Set<HouseholdCategory> categories = new HashSet<>();
    Regions regions = TestStudents.regions(); // loaded once: reading regions.yaml per student took 20 s
    for (int i = 0; i < 20_000; i++) {
      StudentProfile s = synthetic.student(StudentDemo.SEED, i);
      NationalId id = NationalId.parse(s.nationalId());
      assertTrue(s.nationalId().startsWith("99"), s.nationalId());
      assertEquals(id.birthDate(), s.birthDate());
      assertEquals(id.gender(), s.gender());
      assertTrue(s.name().startsWith("演示") && s.guardianName().startsWith("演示") && s.school().contains("演示"), s.toString());
      assertTrue(regions.byPath(s.region()).isPresent(), s.region());
      assertTrue(ids.add(s.nationalId()), "duplicate " + s.nationalId());
      stages.add(s.stage());
      categories.addAll(s.categories());
    }
    assertEquals(Stage.PUPILS, stages);
    assertEquals(Set.of(HouseholdCategory.values()), categories);
    assertEquals(synthetic.student(StudentDemo.SEED, 7), synthetic.student(StudentDemo.SEED, 7));
  }

  @Test
  void aidRecordsPlantSomeGapsAgainstTheEntitlements() {
    FixtureEntitlementRules rules = new FixtureEntitlementRules(TestStudents.regions());
    int entitled = 0;
    int withGaps = 0;
    for (int i = 0; i < 5_000; i++) {
      StudentProfile s = synthetic.student(StudentDemo.SEED, i);
      List<Entitlement> e = rules.entitlementsFor(s, "2026-2027");
      if (e.isEmpty()) {
        continue;
      }
      entitled++;
      List<AidRecord> records = synthetic.aid(s, e, StudentDemo.SEED, i, "2026-2027");
      records.forEach(r -> assertTrue(r.amount().compareTo(BigDecimal.ZERO) > 0));
      if (!GapFinder.gaps(e, records, "2026-2027").isEmpty()) {
        withGaps++;
      }
    }
    assertTrue(entitled > 50, "too few entitled: " + entitled);
    assertTrue(withGaps > 0 && withGaps < entitled / 2, withGaps + " of " + entitled);
  }
}
