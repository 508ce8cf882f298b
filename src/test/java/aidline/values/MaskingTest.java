package aidline.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Issue 15, H4/M4: the one masking rule, on fields and inside free text and paths. */
class MaskingTest {
  @Test
  void numbersInsideTextAreMaskedBelowAdminAndInLogs() {
    String note = "学生 11010119900307451X（学籍号 G110101199003074514）家长 13900001111，卡 6217000012345678，工单 JY20261130-0003";
    String masked = "学生 110101********451X（学籍号 G110101********4514）家长 139****1111，卡 6217********5678，工单 JY20261130-0003";
    assertEquals(masked, Masking.text(note, Role.OPERATOR));
    assertEquals(masked, Masking.text(note, Role.STAFF));
    assertEquals(masked, Masking.text(note, null));
    assertEquals(note, Masking.text(note, Role.ADMIN));
    assertEquals("/api/students/G110101********4514", Masking.text("/api/students/G110101199003074514", null));
    assertEquals("0730-***1234", Masking.phone("0730-8221234", Role.STAFF));
  }
}
