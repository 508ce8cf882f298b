package aidline.answer;

import aidline.knowledge.Region;
import aidline.values.Stage;
import java.util.Set;

/**
 * What a message says about the child: region (from the text or the asker's known region), stages,
 * boarding, household categories (建档立卡, 低保 …), school types (民办, 择校, 特殊教育 …) and aid
 * items (助学金, 学费 …); {@code notCategories} are those the asker denies (非建档立卡). {@code region}
 * is null when unknown.
 */
public record Slots(
    Region region,
    Set<Stage> stages,
    boolean boarder,
    Set<String> categories,
    Set<String> schoolTypes,
    Set<String> items,
    Set<String> notCategories) {

  public Slots(Region region, Set<Stage> stages, boolean boarder, Set<String> categories, Set<String> schoolTypes, Set<String> items) {
    this(region, stages, boarder, categories, schoolTypes, items, Set.of());
  }

  public boolean aboutTeachers() {
    return stages.contains(Stage.TEACHER);
  }

  /** True when the message names a particular kind of aid (a stage or an item). */
  public boolean specific() {
    return !stages.isEmpty() || !items.isEmpty() || boarder;
  }

  public Slots withRegion(Region r) {
    return new Slots(r, stages, boarder, categories, schoolTypes, items, notCategories);
  }
}
