package aidline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A description of the machine a benchmark ran on, for the report. */
public final class Machine {
  private Machine() {}

  public static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
    } catch (IOException | RuntimeException ignored) {
      // not Linux: keep the generic description
    }
    long memGb = 0;
    try {
      memGb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024).findFirst().orElse(0L);
    } catch (IOException | RuntimeException ignored) {
      // as above
    }
    return String.format("%d cores (%s), %d GiB RAM, %s %s, Java %s (%s)",
        Runtime.getRuntime().availableProcessors(), cpu, memGb, System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"), System.getProperty("java.vm.name"));
  }

  /** User + system CPU time of a process in milliseconds (Linux, at 100 ticks a second), or -1. */
  public static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Resident set size of this process in MiB (Linux), or -1. */
  public static long rssMiB(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS"))
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
