package aidline.student;

import aidline.values.Masking;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.values.Caller;
import aidline.values.Stage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lookup by 身份证号/学籍号, entitlements and gaps, the gap report, and work orders for gaps. */
public final class StudentService {
  static final int REPORT_PAGE = 1_000;
  public static final int REPORT_MAX = 5_000;

  private final StudentRepository repository;
  private final EntitlementRules rules;
  private final StudentTickets tickets;
  private final LookupAudit audit;
  private final Regions regions;
  private final Clock clock;

  public StudentService(
      StudentRepository repository, EntitlementRules rules, StudentTickets tickets, LookupAudit audit, Regions regions,
      Clock clock) {
    this.repository = repository;
    this.rules = rules;
    this.tickets = tickets;
    this.audit = audit;
    this.regions = regions;
    this.clock = clock;
  }

  public String currentSchoolYear() {
    return SchoolYear.current(clock);
  }

  /** The whole picture of one student; the lookup is audited, found or not. */
  public StudentView lookup(String key, Caller caller) {
    StudentKey k = StudentKey.parse(key);
    StudentProfile s = find(k);
    if (s == null) {
      audit.record(caller.username(), caller.role(), "student.lookup.miss", k.nationalId() != null ? k.nationalId() : k.studentNo());
      throw new StudentNotFoundException("未找到该学生（" + (k.nationalId() != null
          ? Masking.nationalId(k.nationalId(), caller.role()) : Masking.studentNo(k.studentNo(), caller.role()))
          + "），请确认号码或先导入学生名单");
    }
    // the row's commit runs while the rest is read; nothing is shown before it is on disk
    LookupAudit.Pending audited = audit.begin(caller.username(), caller.role(), "student.lookup", s.nationalId());
    String year = currentSchoolYear();
    List<AidRecord> records = repository.aidRecords(s.nationalId());
    List<Entitlement> entitlements = rules.entitlementsFor(s, year);
    List<Gap> gaps = GapFinder.gaps(entitlements, records, year);
    StudentView view = new StudentView(
        year,
        StudentView.Card.of(s, caller.role()),
        records.stream().map(StudentView.Aid::of).toList(),
        entitlements,
        gaps.stream().map(StudentView.GapView::of).toList(),
        tickets.forStudent(s.nationalId()));
    audited.await();
    return view;
  }

  private StudentProfile find(StudentKey k) {
    return (k.nationalId() != null ? repository.findByNationalId(k.nationalId()) : repository.findByStudentNo(k.studentNo()))
        .orElse(null);
  }

  // ---- gap report ----------------------------------------------------------------------------

  /** A gap-report query as staff type it: region by any name (岳阳, 华容县), school, stage label. */
  public record GapQuery(String region, String school, String stage, int limit) {}

  public record GapRow(StudentProfile student, List<Gap> gaps) {}

  public record GapReport(String schoolYear, String regionPath, List<GapRow> rows, boolean truncated) {}

  /** Students with gaps this school year, in import order, at most {@code limit} of them. */
  public GapReport gapReport(GapQuery q) {
    String regionPath = null;
    if (q.region() != null && !q.region().isBlank()) {
      regionPath = regions.resolve(q.region()).map(Region::path)
          .orElseThrow(() -> new BadStudentQueryException("未知地区「" + q.region() + "」"));
    }
    Stage stage = null;
    if (q.stage() != null && !q.stage().isBlank()) {
      stage = Stage.parse(q.stage())
          .orElseThrow(() -> new BadStudentQueryException("未知学段「" + q.stage() + "」（应为 学前、小学、初中、普通高中、中职、高校）"));
    }
    int limit = q.limit() <= 0 ? 200 : Math.min(q.limit(), REPORT_MAX);
    StudentRepository.Filter filter = new StudentRepository.Filter(regionPath, q.school(), stage);
    String year = currentSchoolYear();
    List<GapRow> rows = new ArrayList<>();
    long after = 0;
    boolean truncated = false;
    outer:
    while (true) {
      StudentRepository.Page page = repository.page(filter, after, REPORT_PAGE);
      for (StudentProfile s : page.students()) {
        List<Entitlement> entitlements = rules.entitlementsFor(s, year);
        if (entitlements.isEmpty()) {
          continue;
        }
        List<Gap> gaps = GapFinder.gaps(entitlements, repository.aidRecords(s.nationalId()), year);
        if (!gaps.isEmpty()) {
          if (rows.size() == limit) {
            truncated = true;
            break outer;
          }
          rows.add(new GapRow(s, gaps));
        }
      }
      if (page.students().size() < REPORT_PAGE) {
        break;
      }
      after = page.lastId();
    }
    return new GapReport(year, regionPath, rows, truncated);
  }

  // ---- work orders ---------------------------------------------------------------------------

  /** Opens one 资助未到账 work order for a student's gaps this school year; refuses if there are none. */
  public String openAidTicket(String key, Caller caller) {
    StudentKey k = StudentKey.parse(key);
    StudentProfile s = find(k);
    if (s == null) {
      throw new StudentNotFoundException("未找到该学生，请确认号码或先导入学生名单");
    }
    String year = currentSchoolYear();
    List<Gap> gaps = GapFinder.gaps(rules.entitlementsFor(s, year), repository.aidRecords(s.nationalId()), year);
    if (gaps.isEmpty()) {
      throw new BadStudentQueryException("该学生本学年没有未到账的资助，无需开工单");
    }
    String no = openFor(s, gaps, caller);
    audit.record(caller.username(), caller.role(), "student.ticket", s.nationalId());
    return no;
  }

  /** The one-click of the gap report: one work order per student with gaps, as listed. */
  public List<OpenedTicket> openAidTickets(GapQuery q, Caller caller) {
    List<OpenedTicket> opened = new ArrayList<>();
    for (GapRow row : gapReport(q).rows()) {
      opened.add(new OpenedTicket(Masking.nationalId(row.student().nationalId(), caller.role()), row.student().name(),
          openFor(row.student(), row.gaps(), caller)));
    }
    audit.record(caller.username(), caller.role(), "student.gaps.tickets", describe(q) + " opened=" + opened.size());
    return opened;
  }

  /** A gap report shown or downloaded (issue 15, M6): who, which filter, which form. */
  public void recordGapExport(GapQuery q, String format, Caller caller) {
    audit.record(caller.username(), caller.role(), "student.gaps.export", describe(q) + " format=" + format);
  }

  private static String describe(GapQuery q) {
    return "region=" + nz(q.region()) + " school=" + nz(q.school()) + " stage=" + nz(q.stage()) + " limit=" + q.limit();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  public record OpenedTicket(String nationalId, String name, String ticketNo) {}

  private String openFor(StudentProfile s, List<Gap> gaps, Caller caller) {
    String description = s.school() + " " + s.stage().label() + (s.grade().isEmpty() ? "" : s.grade()) + "学生" + s.name()
        + "，" + gaps.get(0).schoolYear() + "学年以下资助未到账：" + gaps.stream()
            .map(g -> g.entitlement().item() + "（" + g.reason() + "）").collect(Collectors.joining("；"));
    return tickets.openAidNotReceived(new StudentTickets.AidNotReceived(
        s.nationalId(), s.name(), s.region(), s.school(), s.guardianName(), s.guardianPhone(), description,
        caller.username()));
  }
}
