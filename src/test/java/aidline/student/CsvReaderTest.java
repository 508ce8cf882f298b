package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  @Test
  void quotesDoubledQuotesLineBreaksInsideQuotesAndLineNumbers() {
    CsvReader r = new CsvReader(new StringReader(
        "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nlast,,\n"));
    assertEquals(new CsvReader.Row(1, List.of("a", "b", "c")), r.next());
    assertEquals(new CsvReader.Row(2, List.of("x,1", "say \"hi\"", "two\nlines")), r.next());
    // the blank line 4 is skipped, and line counting includes the break inside quotes
    assertEquals(new CsvReader.Row(5, List.of("last", "", "")), r.next());
    assertNull(r.next());
  }

  @Test
  void lastLineWithoutNewlineAndLoneCarriageReturns() {
    CsvReader r = new CsvReader(new StringReader("a,b\rc,d"));
    assertEquals(List.of("a", "b"), r.next().fields());
    CsvReader.Row second = r.next();
    assertEquals(2, second.line());
    assertEquals(List.of("c", "d"), second.fields());
    assertNull(r.next());
  }

  @Test
  void recordsLongerThanTheBufferSurviveIntact() {
    String big = "x".repeat(200_000);
    CsvReader r = new CsvReader(new StringReader(big + "," + big + "\n1,2\n"));
    assertEquals(List.of(big, big), r.next().fields());
    assertEquals(new CsvReader.Row(2, List.of("1", "2")), r.next());
  }
}
