package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.bench.StudentBench;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The student benchmark end to end on a small set: generate, import, look up in-process and over HTTP. */
class StudentBenchIT {
  @TempDir Path dir;

  @Test
  void benchRunsOnASmallSetAndReusesItsDatabase() {
    StudentBench bench = new StudentBench(TestStudents.regions(), new FixtureEntitlementRules(TestStudents.regions()),
        TestStudents.CLOCK);
    java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    StudentBench.Result first = bench.run(300, 40, dir, quiet);
    assertEquals(300, first.students());
    assertFalse(first.reusedDatabase());
    assertTrue(first.importRowsPerSecond() > 0);
    assertTrue(first.httpP99Millis() >= first.httpP50Millis());
    StudentBench.Result second = bench.run(300, 40, dir, quiet);
    assertTrue(second.reusedDatabase());
    assertEquals(first.importSeconds(), second.importSeconds());
  }
}
