package aidline.console;

import aidline.ticket.Categories;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the console's forms pick from (categories with their departments, regions for autocomplete,
 * active accounts as assignees) and its timing (due-soon window, refresh period). Read per request,
 * so a new account shows up without a restart.
 */
public final class ConsoleSettings {
  /** An account an order can be assigned to; the role is the wire name (operator/staff/admin). */
  public record Person(String username, String displayName, String role) {}

  public record CategoryChoice(String code, String name, String department, String priority) {}

  /** The JSON of {@code /api/console/settings}; fields are only ever added. */
  public record Json(int dueSoonHours, int refreshSeconds, List<CategoryChoice> categories, List<String> departments,
      List<String> regions, List<Person> people) {}

  private final int dueSoonHours;
  private final int refreshSeconds;
  private final Categories categories;
  private final Supplier<List<String>> regions;
  private final Supplier<List<Person>> people;

  public ConsoleSettings(int dueSoonHours, int refreshSeconds, Categories categories, Supplier<List<String>> regions,
      Supplier<List<Person>> people) {
    this.dueSoonHours = dueSoonHours;
    this.refreshSeconds = refreshSeconds;
    this.categories = categories;
    this.regions = regions;
    this.people = people;
  }

  public Json json() {
    List<CategoryChoice> cats = categories.all().stream()
        .map(c -> new CategoryChoice(c.code(), c.name(), c.department(), c.priority())).toList();
    return new Json(dueSoonHours, refreshSeconds, cats, cats.stream().map(CategoryChoice::department).distinct().toList(),
        regions.get(), people.get());
  }
}
