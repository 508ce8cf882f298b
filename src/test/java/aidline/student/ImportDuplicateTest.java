package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 15, low: the same student twice in one file is a rejected row, not a silent overwrite. */
@ParameterizedClass
@EnumSource(Engine.class)
class ImportDuplicateTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  @Test
  void aSecondRowWithTheSameIdIsRejectedAndTheFirstIsKept() {
    try (Database db = dbs.open(engine)) {
      StudentRepository repo = new StudentRepository(db, TestStudents.CLOCK);
      StudentImporter importer = new StudentImporter(repo, TestStudents.regions(), TestStudents.CLOCK, 2);
      String id = StudentImporterTest.GOOD_1;
      String csv = StudentImporterTest.HEADER
          + "演示甲," + id + ",,男,汉族,华容县第一小学,小学,三年级,是,建档立卡,湖南省岳阳市华容县,演示监护人甲,13800000001\r\n"
          + "演示乙," + StudentImporterTest.GOOD_2 + ",,女,汉族,华容县第二中学,初中,初二,是,,华容,演示监护人乙,13800000002\r\n"
          + "冒名者," + id + ",,男,汉族,华容县第二中学,初中,初二,否,,华容,某人,13900000009\r\n";
      byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
      ImportReport report = importer.importFile(StudentImporter.Kind.STUDENTS, new ByteArrayInputStream(bytes),
          StandardCharsets.UTF_8, bytes.length, StudentImporter.Progress.NONE);
      assertEquals(3, report.rows());
      assertEquals(2, report.imported(), report.toString());
      assertEquals(1, report.rejected().size());
      assertEquals(4, report.rejected().get(0).line());
      assertTrue(report.rejected().get(0).reason().contains("与第 2 行重复"), report.toString());
      assertEquals("演示甲", repo.findByNationalId(id).orElseThrow().name());
    }
  }
}
