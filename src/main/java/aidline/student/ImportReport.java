package aidline.student;

import java.util.List;

/**
 * What an import did. {@code rejected} lists at most {@link StudentImporter#MAX_LISTED} rows;
 * {@code rejectedCount} is the full number.
 *
 * @param kind students | aid
 * @param rows data rows read (the header not counted)
 */
public record ImportReport(String kind, int rows, int imported, int rejectedCount, List<Rejected> rejected) {
  /** One refused row: its line in the file (the header is line 1) and why, in Chinese. */
  public record Rejected(int line, String reason) {}
}
