package aidline.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * Working days in China: Monday to Friday, minus public holidays, plus the weekend days that are
 * worked instead (调休). Deadlines are counted in Beijing time whatever the server's zone.
 */
public final class WorkCalendar {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final Set<LocalDate> holidays;
  private final Set<LocalDate> workdays;

  public WorkCalendar(Set<LocalDate> holidays, Set<LocalDate> workdays) {
    this.holidays = Set.copyOf(holidays);
    this.workdays = Set.copyOf(workdays);
  }

  public static WorkCalendar weekdaysOnly() {
    return new WorkCalendar(Set.of(), Set.of());
  }

  /** Reads {@code holidays:} and {@code workdays:} lists of ISO dates; a missing file means none. */
  public static WorkCalendar load(Path file) {
    if (!Files.exists(file)) {
      return weekdaysOnly();
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      return new WorkCalendar(dates(root == null ? null : root.path("holidays"), file), dates(root == null ? null : root.path("workdays"), file));
    } catch (IOException e) {
      throw new InvalidTicketException("无法读取节假日文件 " + file + ": " + e.getMessage());
    }
  }

  private static Set<LocalDate> dates(JsonNode list, Path file) {
    Set<LocalDate> out = new HashSet<>();
    if (list != null) {
      for (JsonNode n : list) {
        try {
          out.add(LocalDate.parse(n.asText().trim()));
        } catch (DateTimeException e) {
          throw new InvalidTicketException("节假日文件 " + file + " 中的日期格式不对: " + n.asText() + "（应为 2026-10-01）");
        }
      }
    }
    return out;
  }

  public boolean isWorkingDay(LocalDate d) {
    if (workdays.contains(d)) {
      return true;
    }
    if (holidays.contains(d)) {
      return false;
    }
    return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /**
   * The deadline {@code days} working days after {@code from}, at the same Beijing time of day: an
   * order taken on Friday 10:00 with 3 working days is due Wednesday 10:00.
   */
  public Instant addWorkingDays(Instant from, int days) {
    ZonedDateTime t = from.atZone(ZONE);
    LocalDate d = t.toLocalDate();
    int left = days;
    while (left > 0) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d.atTime(t.toLocalTime()).atZone(ZONE).toInstant();
  }
}
