package aidline.demo;

import aidline.knowledge.Regions;
import aidline.student.AidRecord;
import aidline.student.EntitlementRules;
import aidline.student.ImportReport;
import aidline.student.SchoolYear;
import aidline.student.StudentFeature;
import aidline.student.StudentImportException;
import aidline.student.StudentImporter;
import aidline.student.StudentProfile;
import aidline.student.StudentService;
import aidline.student.TicketsUnavailableException;
import aidline.values.Caller;
import aidline.values.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code aidline demo --students N} and {@code serve --demo}: writes a synthetic roll and aid list as
 * CSV and imports them through the same importer staff use, then opens a few work orders for gaps.
 * Deterministic, so running it twice updates the same students.
 */
public final class StudentDemo {
  public static final long SEED = 20161104L;
  static final int DEMO_TICKETS = 3;

  public record Summary(ImportReport students, ImportReport aid, int studentsWithGaps, List<String> ticketNos, String ticketNote) {}

  private final StudentImporter importer;
  private final StudentService service;
  private final EntitlementRules rules;
  private final SyntheticStudents synthetic;
  private final Clock clock;

  public StudentDemo(StudentImporter importer, StudentService service, EntitlementRules rules, SyntheticStudents synthetic,
      Clock clock) {
    this.importer = importer;
    this.service = service;
    this.rules = rules;
    this.synthetic = synthetic;
    this.clock = clock;
  }

  /** The demo over a wired student feature, with students placed in the given regions. */
  public static StudentDemo of(StudentFeature students, Regions regions, Clock clock) {
    return new StudentDemo(students.importer(), students.service(), students.rules(),
        new SyntheticStudents(regions, LocalDate.now(clock)), clock);
  }

  public Summary seed(int n, StudentImporter.Progress progress) {
    if (n < 1 || n > 10_000_000) {
      throw new StudentImportException("演示学生人数应在 1 到 10000000 之间");
    }
    String year = SchoolYear.of(LocalDate.now(clock));
    try {
      Path roll = Files.createTempFile("aidline-demo-roll", ".csv");
      Path aid = Files.createTempFile("aidline-demo-aid", ".csv");
      try {
        try (Writer r = Files.newBufferedWriter(roll, StandardCharsets.UTF_8);
            Writer a = Files.newBufferedWriter(aid, StandardCharsets.UTF_8)) {
          r.write(SyntheticStudents.ROLL_HEADER + "\r\n");
          a.write(SyntheticStudents.AID_HEADER + "\r\n");
          for (int i = 0; i < n; i++) {
            StudentProfile s = synthetic.student(SEED, i);
            SyntheticStudents.writeRollRow(r, s);
            for (AidRecord rec : synthetic.aid(s, rules.entitlementsFor(s, year), SEED, i, year)) {
              SyntheticStudents.writeAidRow(a, rec);
            }
          }
        }
        ImportReport students = importFile(StudentImporter.Kind.STUDENTS, roll, progress);
        ImportReport aidReport = importFile(StudentImporter.Kind.AID, aid, StudentImporter.Progress.NONE);
        return openSomeTickets(students, aidReport);
      } finally {
        Files.deleteIfExists(roll);
        Files.deleteIfExists(aid);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ImportReport importFile(StudentImporter.Kind kind, Path file, StudentImporter.Progress progress) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return importer.importFile(kind, in, StandardCharsets.UTF_8, Files.size(file), progress);
    }
  }

  private Summary openSomeTickets(ImportReport students, ImportReport aid) {
    StudentService.GapReport gaps = service.gapReport(new StudentService.GapQuery(null, null, null, StudentService.REPORT_MAX));
    List<String> opened = new ArrayList<>();
    String note = null;
    Caller demo = new Caller("demo", Role.STAFF);
    for (StudentService.GapRow row : gaps.rows().subList(0, Math.min(DEMO_TICKETS, gaps.rows().size()))) {
      try {
        opened.add(service.openAidTicket(row.student().nationalId(), demo));
      } catch (TicketsUnavailableException e) {
        note = e.getMessage();
        break;
      }
    }
    return new Summary(students, aid, gaps.rows().size(), opened, note);
  }
}
