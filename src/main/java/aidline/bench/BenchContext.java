package aidline.bench;

import aidline.config.AppConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What scenarios share: quick or full run, a scratch folder (kept between runs for cached data such
 * as the 1M-student database), the base configuration, how to launch a child aidline process, and how
 * to wire an in-process application.
 */
public record BenchContext(
    boolean quick, Path workDir, AppConfig baseConfig, List<String> javaCommand, BenchApp.Factory apps) {
  /** Full-run value or quick-run value. */
  public int pick(int full, int quickValue) {
    return quick ? quickValue : full;
  }
}
