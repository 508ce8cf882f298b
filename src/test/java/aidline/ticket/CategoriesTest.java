package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CategoriesTest {
  final Categories categories = TicketFixtures.CATEGORIES;

  @Test
  void theShippedFileHasTheRequiredCategoriesAndDeadlines() {
    assertEquals(5, categories.byCode("aid_not_received").deadlineDays());
    assertEquals(3, categories.require("政策咨询").deadlineDays(), "12345 consultation: 3 working days");
    assertEquals(13, categories.require("投诉举报").deadlineDays(), "12345 complaint: 13 working days");
    assertEquals("urgent", categories.require("控辍保学").priority());
    assertEquals("other", categories.require("其他").code());
  }

  @Test
  void guessesFromAParentsWords() {
    assertEquals("aid_not_received", categories.guess("俺家娃的补助咋还没到账").code());
    assertEquals("complaint", categories.guess("我要投诉学校克扣补助").code());
    assertEquals("dropout", categories.guess("孩子不上学了").code());
    assertEquals("other", categories.guess("要求人工").code());
  }

  @Test
  void unknownCategoryListsTheChoices() {
    InvalidTicketException e = assertThrows(InvalidTicketException.class, () -> categories.require("天气"));
    assertTrue(e.getMessage().contains("资助未到账"), e.getMessage());
  }

  @Test
  void badFilesAreClearErrors(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "- {code: a, name: 甲, deadlineDays: 0, department: 某部门}\n- {code: other, name: 其他, deadlineDays: 3, department: 某部门}\n");
    assertTrue(assertThrows(InvalidTicketException.class, () -> Categories.load(f)).getMessage().contains("deadlineDays"));
    Files.writeString(f, "- {code: a, name: 甲, deadlineDays: 2, department: 某部门}\n");
    assertTrue(assertThrows(InvalidTicketException.class, () -> Categories.load(f)).getMessage().contains("other"));
    Files.writeString(f, "- {code: other, name: 其他, deadlineDays: 2, department: 某部门, priority: whenever}\n");
    assertTrue(assertThrows(InvalidTicketException.class, () -> Categories.load(f)).getMessage().contains("priority"));
    assertTrue(assertThrows(InvalidTicketException.class, () -> Categories.load(dir.resolve("none.yaml"))).getMessage().contains("找不到"));
  }
}
