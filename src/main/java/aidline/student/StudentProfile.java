package aidline.student;

import aidline.values.Stage;
import java.time.LocalDate;
import java.util.Set;

/**
 * One student as the school roll describes them. {@code region} is the full path of the household
 * region in regions.yaml (湖南省岳阳市华容县); {@code categories} may be empty.
 */
public record StudentProfile(
    String nationalId,
    String studentNo,
    String name,
    String gender,
    String ethnicity,
    LocalDate birthDate,
    String school,
    Stage stage,
    String grade,
    boolean boarder,
    Set<HouseholdCategory> categories,
    String region,
    String guardianName,
    String guardianPhone) {

  public StudentProfile {
    categories = Set.copyOf(categories);
  }

  public boolean hasCategory(HouseholdCategory c) {
    return categories.contains(c);
  }
}
