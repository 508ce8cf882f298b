package aidline;

import aidline.cli.AidlineCommand;

/** Entry point: picocli dispatches to the commands in {@code aidline.cli}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return AidlineCommand.commandLine().execute(args);
  }
}
