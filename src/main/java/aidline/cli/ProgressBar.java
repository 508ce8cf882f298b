package aidline.cli;

import aidline.student.StudentImporter;
import java.io.PrintWriter;

/** A one-line progress bar on standard error, redrawn in place, so stdout keeps only the report. */
final class ProgressBar implements StudentImporter.Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final String label;
  private long lastDrawn;

  ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  @Override
  public void update(long bytesRead, long totalBytes, int rows) {
    long now = System.nanoTime();
    boolean done = totalBytes > 0 && bytesRead >= totalBytes;
    if (!done && now - lastDrawn < 200_000_000L) {
      return;
    }
    lastDrawn = now;
    if (totalBytes > 0) {
      int pct = (int) Math.min(100, bytesRead * 100 / totalBytes);
      int filled = pct * WIDTH / 100;
      err.printf("\r%s [%s%s] %3d%%  %,d 行", label, "#".repeat(filled), "-".repeat(WIDTH - filled), pct, rows);
    } else {
      err.printf("\r%s %,d 行", label, rows);
    }
    err.flush();
  }

  void finish() {
    err.println();
    err.flush();
  }
}
