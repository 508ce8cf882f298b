package aidline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = {"Knowledge-base tools.", "知识库工具。"},
    subcommands = {KbStandardsCommand.class})
final class KbCommand implements Runnable {
  @ParentCommand AidlineCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
