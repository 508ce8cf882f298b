package aidline.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NationalIdTest {
  @Test
  void theStandardsOwnExampleParses() {
    NationalId id = NationalId.parse("11010519491231002X");
    assertEquals(LocalDate.of(1949, 12, 31), id.birthDate());
    assertEquals("女", id.gender());
    assertEquals("110105********002X", id.masked());
  }

  @Test
  void lowerCaseXAndFullWidthDigitsAreAccepted() {
    assertEquals("11010519491231002X", NationalId.parse(" １１０１０５１９４９１２３１００２x ").value());
  }

  @Test
  void oddSequenceDigitIsMale() {
    String first17 = "43062320100305001";
    NationalId id = NationalId.parse(first17 + NationalId.checkChar(first17));
    assertEquals("男", id.gender());
    assertEquals(LocalDate.of(2010, 3, 5), id.birthDate());
  }

  @Test
  void everySingleDigitTypoIsCaughtByTheCheckDigit() {
    String good = "11010519491231002X";
    for (int i = 0; i < 17; i++) {
      char orig = good.charAt(i);
      for (char d = '0'; d <= '9'; d++) {
        if (d == orig) {
          continue;
        }
        String typo = good.substring(0, i) + d + good.substring(i + 1);
        InvalidNationalIdException e = assertThrows(InvalidNationalIdException.class, () -> NationalId.parse(typo));
        assertTrue(e.getMessage().startsWith("身份证号"), e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "'', 身份证号为空",
    "1101051949123100, 应为18位",
    "11010519491231002X1, 应为18位",
    "1101051949123100AX, 前17位必须是数字",
    "11010519491231002Y, 最后一位应为数字或X",
    "110105199902310011, 19990231 不存在",
    "110105202313010011, 20231301 不存在",
    "110105180001010011, 出生年份 1800 不合理",
    "110105194912310021, 校验位错误"
  })
  void badNumbersAreRejectedWithAChineseReason(String input, String reason) {
    InvalidNationalIdException e = assertThrows(InvalidNationalIdException.class, () -> NationalId.parse(input));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void tryParseIsEmptyInsteadOfThrowing() {
    assertTrue(NationalId.tryParse("110105194912310021").isEmpty());
    NationalId id = NationalId.tryParse("11010519491231002X").orElseThrow();
    assertEquals("110105", id.regionCode());
    assertTrue(!id.male());
  }

  @Test
  void toStringNeverLeaksTheFullNumber() {
    assertEquals("110105********002X", NationalId.parse("11010519491231002X").toString());
  }
}
