package aidline.student;

import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.values.InvalidNationalIdException;
import aidline.values.NationalId;
import aidline.values.Stage;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns one row of a school roll into a {@link StudentProfile}, or says why it cannot. */
final class StudentRows {
  static final Map<String, List<String>> ALIASES = aliases();
  static final List<List<String>> REQUIRED =
      List.of(List.of("name"), List.of("nationalId"), List.of("school"), List.of("stage", "grade"), List.of("region"));

  private static final Pattern STUDENT_NO = Pattern.compile("[A-Za-z0-9]{1,32}");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");
  private static final Pattern CATEGORY_SEPARATORS = Pattern.compile("[、,，;；/|＋+\\s]+");

  private final CsvHeader header;
  private final Regions regions;
  private final LocalDate today;
  // the same few hundred region spellings repeat across a million rows
  private final Map<String, Optional<Region>> regionCache = new HashMap<>();

  StudentRows(CsvHeader header, Regions regions, LocalDate today) {
    this.header = header;
    this.regions = regions;
    this.today = today;
  }

  private static Map<String, List<String>> aliases() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("name", List.of("姓名", "学生姓名"));
    m.put("nationalId", List.of("身份证号", "身份证号码", "身份证件号", "身份证件号码", "公民身份号码", "身份证"));
    m.put("studentNo", List.of("学籍号", "全国学籍号", "学籍号码", "学籍辅号"));
    m.put("gender", List.of("性别"));
    m.put("ethnicity", List.of("民族"));
    m.put("birthDate", List.of("出生日期", "出生年月日"));
    m.put("school", List.of("学校", "学校名称", "就读学校", "所在学校"));
    m.put("stage", List.of("学段", "就读学段"));
    m.put("grade", List.of("年级", "班级", "年级班级"));
    m.put("boarder", List.of("是否寄宿", "是否寄宿生", "寄宿生", "寄宿"));
    m.put("categories", List.of("家庭类别", "家庭经济困难类别", "困难类别", "困难类型", "资助类别", "家庭类型"));
    m.put("region", List.of("户籍地", "户籍所在地", "户籍地区", "户口所在地"));
    m.put("guardianName", List.of("监护人", "监护人姓名"));
    m.put("guardianPhone", List.of("监护人电话", "监护人手机", "联系电话", "手机号码", "联系方式"));
    return Map.copyOf(m);
  }

  static CsvHeader header(List<String> firstRow) {
    return CsvHeader.of(firstRow, ALIASES, REQUIRED);
  }

  RowResult<StudentProfile> read(CsvReader.Row row) {
    try {
      return RowResult.ok(row.line(), profile(row.fields()));
    } catch (RowRejected | InvalidNationalIdException e) {
      return RowResult.rejected(row.line(), e.getMessage());
    }
  }

  private StudentProfile profile(List<String> f) {
    Cells.requireWidth(f, header.width());
    Cells.requireText(f);
    NationalId id = NationalId.parse(header.get(f, "nationalId"));
    if (id.birthDate().isAfter(today)) {
      throw new RowRejected("身份证号中的出生日期 " + id.birthDate() + " 晚于今天");
    }
    String name = header.get(f, "name");
    if (name.isEmpty()) {
      throw new RowRejected("姓名为空");
    }
    if (name.length() > 40) {
      throw new RowRejected("姓名过长");
    }
    String birth = header.get(f, "birthDate");
    if (!birth.isEmpty() && !Cells.date(birth, "出生日期").equals(id.birthDate())) {
      throw new RowRejected("出生日期「" + birth + "」与身份证号不一致");
    }
    String gender = header.get(f, "gender");
    if (!gender.isEmpty() && !gender.equals(id.gender())) {
      throw new RowRejected("性别「" + Cells.shorten(gender) + "」与身份证号不一致");
    }
    String school = header.get(f, "school");
    if (school.isEmpty()) {
      throw new RowRejected("学校为空");
    }
    String grade = header.get(f, "grade");
    String stageText = header.get(f, "stage");
    Stage stage = Stage.parse(stageText.isEmpty() ? grade : stageText)
        .orElseThrow(() -> new RowRejected("未知学段「" + Cells.shorten(stageText.isEmpty() ? grade : stageText)
            + "」（应为 学前、小学、初中、普通高中、中职、高校）"));
    String regionText = header.get(f, "region");
    if (regionText.isEmpty()) {
      throw new RowRejected("户籍地为空");
    }
    Region region = regionCache.computeIfAbsent(regionText, regions::resolve)
        .orElseThrow(() -> new RowRejected("未知户籍地「" + Cells.shorten(regionText) + "」（不在地区表 regions.yaml 中）"));
    return new StudentProfile(
        id.value(),
        studentNo(header.get(f, "studentNo"), id),
        name,
        id.gender(),
        header.get(f, "ethnicity"),
        id.birthDate(),
        school,
        stage,
        grade,
        boarder(header.get(f, "boarder")),
        categories(header.get(f, "categories")),
        region.path(),
        header.get(f, "guardianName"),
        phone(header.get(f, "guardianPhone")));
  }

  private static String studentNo(String text, NationalId id) {
    if (text.isEmpty()) {
      return "G" + id.value();
    }
    String t = text.toUpperCase();
    if (!STUDENT_NO.matcher(t).matches()) {
      throw new RowRejected("学籍号「" + Cells.shorten(text) + "」格式不正确（应为字母和数字）");
    }
    return t;
  }

  static boolean boarder(String text) {
    return switch (text) {
      case "", "否", "N", "n", "0", "走读", "非寄宿", "不寄宿" -> false;
      case "是", "Y", "y", "1", "寄宿", "寄宿生", "住校" -> true;
      default -> throw new RowRejected("是否寄宿应填「是」或「否」，实际为「" + Cells.shorten(text) + "」");
    };
  }

  static Set<HouseholdCategory> categories(String text) {
    Set<HouseholdCategory> set = EnumSet.noneOf(HouseholdCategory.class);
    if (text.isEmpty() || text.equals("无") || text.equals("一般")) {
      return set;
    }
    for (String part : CATEGORY_SEPARATORS.split(text)) {
      if (part.isEmpty()) {
        continue;
      }
      set.add(HouseholdCategory.parse(part)
          .orElseThrow(() -> new RowRejected("未知家庭类别「" + Cells.shorten(part) + "」（应为 建档立卡、农村低保、特困供养、孤儿、持证残疾）")));
    }
    return set;
  }

  static String phone(String text) {
    if (text.isEmpty()) {
      return "";
    }
    String digits = text.replace(" ", "").replace("-", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    }
    if (MOBILE.matcher(digits).matches() || LANDLINE.matcher(text.replace(" ", "")).matches()) {
      return digits;
    }
    throw new RowRejected("监护人电话「" + Cells.shorten(text) + "」格式不正确");
  }
}
