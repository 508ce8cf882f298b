package aidline.student;

import aidline.knowledge.Regions;
import aidline.values.NationalId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** Shared fixtures: valid synthetic 身份证号, the project's regions, a fixed clock. */
final class TestStudents {
  /** 2026-11-23, a day in school year 2026-2027. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneId.of("Asia/Shanghai"));

  private TestStudents() {}

  /** A valid number: address code, birth date yyyyMMdd, 3-digit sequence (odd = boy). */
  static String id(String address, String birth, String seq) {
    String first17 = address + birth + seq;
    return first17 + NationalId.checkChar(first17);
  }

  /** The same number with its check character changed, so only the check digit is wrong. */
  static String withBadCheckDigit(String id) {
    char bad = id.charAt(17) == '1' ? '2' : '1';
    return id.substring(0, 17) + bad;
  }

  static Regions regions() {
    return Regions.load(Path.of("knowledge-base", "regions.yaml"));
  }

}
