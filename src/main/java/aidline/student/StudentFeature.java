package aidline.student;

/** The student feature's wired objects, as {@code app.Application} builds them. */
public record StudentFeature(
    StudentRepository repository,
    StudentImporter importer,
    StudentService service,
    ParentStatusService parentStatus,
    EntitlementRules rules) {

  public StudentRoutes routes(long maxUploadBytes) {
    return new StudentRoutes(service, importer, maxUploadBytes);
  }
}
