package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NationalIdTest {
  @Test
  void acceptsValidIdsAndReadsTheirParts() {
    NationalId id = NationalId.parse("11010519491231002x").orElseThrow();
    assertEquals("11010519491231002X", id.value());
    assertEquals("110105", id.regionCode());
    assertEquals(LocalDate.of(1949, 12, 31), id.birthDate());
    assertFalse(id.male());
    NationalId boy = NationalId.parse("430623 20120315 1238").orElseThrow();
    assertTrue(boy.male());
    assertEquals(LocalDate.of(2012, 3, 15), boy.birthDate());
  }

  @Test
  void rejectsWrongCheckDigitLengthDigitsAndDates() {
    assertTrue(NationalId.parse("430623201203151239").isEmpty(), "check digit");
    assertTrue(NationalId.parse("110105194912310021").isEmpty(), "check digit X expected");
    assertTrue(NationalId.parse("43062320120315123").isEmpty(), "17 digits");
    assertTrue(NationalId.parse("4306232012031512A8").isEmpty(), "letter inside");
    assertTrue(NationalId.parse("").isEmpty());
    assertTrue(NationalId.parse(null).isEmpty());
    // 2012-02-30 does not exist; check digit computed so only the date is wrong
    assertTrue(NationalId.parse(withCheck("43062320120230123")).isEmpty(), "impossible date");
    assertTrue(NationalId.parse(withCheck("43062320120229123")).isPresent(), "leap day is fine");
  }

  static String withCheck(String first17) {
    int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * w[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }
}
