package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkCalendarTest {
  static final WorkCalendar CN2026 = WorkCalendar.load(Path.of("tickets/holidays.yaml"));

  static Instant beijing(String local) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(local), WorkCalendar.ZONE).toInstant();
  }

  @Test
  void deadlineSkipsTheWeekend() {
    // Friday 2026-11-20 10:00 + 3 working days = Wednesday 11-25 10:00 (Sat and Sun skipped)
    assertEquals(beijing("2026-11-25T10:00"), CN2026.addWorkingDays(beijing("2026-11-20T10:00"), 3));
  }

  @Test
  void deadlineSkipsNationalDayAndCountsTheMakeUpSaturday() {
    // Wed 2026-09-30 09:00 + 3: Oct 1-7 are holidays, Thu 8, Fri 9, Sat 10 (调休上班) -> Oct 10
    assertEquals(beijing("2026-10-10T09:00"), CN2026.addWorkingDays(beijing("2026-09-30T09:00"), 3));
    // without the holiday file the same order would be due Monday Oct 5
    assertEquals(beijing("2026-10-05T09:00"), WorkCalendar.weekdaysOnly().addWorkingDays(beijing("2026-09-30T09:00"), 3));
  }

  @Test
  void complaintDeadlineOverSpringFestival() {
    // Fri 2026-02-13 + 13 working days: Sat 14 (上班) counts, 15-23 off, Feb 28 (Sat) counts
    // 14,24,25,26,27,28, Mar 2,3,4,5,6,9,10 -> Mar 10
    assertEquals(beijing("2026-03-10T16:30"), CN2026.addWorkingDays(beijing("2026-02-13T16:30"), 13));
  }

  @Test
  void usesBeijingDateEvenLateInTheUtcDay() {
    // 2026-11-20T17:00Z is Saturday 01:00 in Beijing: 1 working day later is Monday 01:00
    assertEquals(beijing("2026-11-23T01:00"), CN2026.addWorkingDays(Instant.parse("2026-11-20T17:00:00Z"), 1));
  }

  @Test
  void workingDayRules() {
    assertFalse(CN2026.isWorkingDay(LocalDate.of(2026, 10, 1)));
    assertTrue(CN2026.isWorkingDay(LocalDate.of(2026, 9, 20)), "Sunday 调休 workday");
    assertFalse(CN2026.isWorkingDay(LocalDate.of(2026, 11, 22)), "plain Sunday");
    assertTrue(CN2026.isWorkingDay(LocalDate.of(2026, 11, 23)));
  }

  @Test
  void badDateInFileIsAClearError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("h.yaml");
    Files.writeString(f, "holidays:\n  - 2026-13-01\n");
    InvalidTicketException e = assertThrows(InvalidTicketException.class, () -> WorkCalendar.load(f));
    assertTrue(e.getMessage().contains("2026-13-01"), e.getMessage());
    assertTrue(WorkCalendar.load(dir.resolve("missing.yaml")).isWorkingDay(LocalDate.of(2026, 10, 1)));
  }
}
