package aidline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A type of ours written with its package inline ({@code aidline.ticket.Ticket} in a method body)
 * is a dependency that no import line shows, so a reader of the imports, or a drawing made from
 * them, misses it. Main code names such types through imports.
 */
class ImportsTest {
  private static final Pattern INLINE = Pattern.compile("(?<![\\w.\"])aidline(\\.[a-z]\\w*)+\\.[A-Z]\\w*");

  @Test
  void mainCodeNamesOurTypesThroughImports() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String s = lines.get(i).strip();
          if (s.startsWith("import ") || s.startsWith("package ") || s.startsWith("*") || s.startsWith("//")
              || s.startsWith("/*")) {
            continue;
          }
          if (INLINE.matcher(s).find()) {
            found.add(f + ":" + (i + 1) + ": " + s);
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }
}
