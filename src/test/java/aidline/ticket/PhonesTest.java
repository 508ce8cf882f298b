package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.values.Masking;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhonesTest {
  @Test
  void acceptsMobilesAndLandlinesInCommonSpellings() {
    assertEquals(Optional.of("13812345678"), Phones.normalize("138 1234 5678"));
    assertEquals(Optional.of("13812345678"), Phones.normalize("+86 13812345678"));
    assertEquals(Optional.of("13812345678"), Phones.normalize("8613812345678"));
    assertEquals(Optional.of("13812345678"), Phones.normalize("138-1234-5678"));
    assertEquals(Optional.of("0730-8221234"), Phones.normalize("0730-8221234"));
    assertEquals(Optional.of("01088889999"), Phones.normalize("010 88889999"));
    assertEquals(Optional.of("07188221234"), Phones.normalize("（0718）8221234"));
  }

  @Test
  void rejectsWhatCannotBeCalledBack() {
    assertTrue(Phones.normalize("12812345678").isEmpty(), "no 12x mobiles");
    assertTrue(Phones.normalize("1381234567").isEmpty(), "10 digits");
    assertTrue(Phones.normalize("138123456789").isEmpty(), "12 digits");
    assertTrue(Phones.normalize("961017").isEmpty());
    assertTrue(Phones.normalize("abc").isEmpty());
    assertTrue(Phones.normalize(null).isEmpty());
  }

  @Test
  void maskedForLogsAndEventsByTheOneRule() {
    assertEquals("138****5678", Masking.phone("13812345678", null));
    assertEquals("0730-***1234", Masking.phone("0730-8221234", null));
    assertEquals("010****9999", Masking.phone("01088889999", null));
  }
}
