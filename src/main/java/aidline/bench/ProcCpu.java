package aidline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of processes from /proc (Linux), in clock ticks; -1 where it cannot be read. */
final class ProcCpu {
  /** USER_HZ; 100 on every Linux this runs on. */
  static final double TICKS_PER_SECOND = 100.0;

  private ProcCpu() {}

  /** utime + stime of one process. */
  static long ticks(long pid) {
    String[] f = fields(pid);
    return f == null ? -1 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** The process and all its direct children (the postmaster and its backends, checkpointer, WAL writer …). */
  static long ticksWithChildren(long pid) {
    long sum = Math.max(0, ticks(pid));
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit)) {
          String[] f = fields(Long.parseLong(name));
          if (f != null && Long.parseLong(f[1]) == pid) {
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return sum;
  }

  /** The fields after the command name: state, ppid, …, utime at 11, stime at 12. */
  private static String[] fields(long pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Microseconds in which at least one runnable task of the machine waited for a CPU
   * (/proc/pressure/cpu, "some total"), or -1 without PSI: on a shared machine it tells a slow run
   * that queued for CPU from one that had it.
   */
  static long cpuStallMicros() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
        if (line.startsWith("some ")) {
          return Long.parseLong(line.substring(line.indexOf("total=") + 6).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Percent of one core over the interval. */
  static double percent(long before, long after, double seconds) {
    return before < 0 || after < 0 ? -1 : (after - before) / TICKS_PER_SECOND / seconds * 100;
  }
}
