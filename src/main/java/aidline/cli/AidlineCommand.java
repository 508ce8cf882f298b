package aidline.cli;

import aidline.app.Application;
import aidline.app.Version;
import aidline.config.AppConfig;
import aidline.config.ConfigException;
import aidline.config.ConfigLoader;
import aidline.knowledge.KnowledgeException;
import aidline.storage.StorageException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "aidline",
    mixinStandardHelpOptions = true,
    versionProvider = AidlineCommand.VersionProvider.class,
    description = {
      "aidline: education poverty-alleviation student aid assistant.",
      "教育精准扶贫学生资助助手：家长问答、热线工单、学生资助查询。"
    },
    subcommands = {ServeCommand.class, AskCommand.class, EvalCommand.class, KbCommand.class, WechatCommand.class,
        UsersCommand.class, StudentsCommand.class, DemoCommand.class, BackupCommand.class, RestoreCommand.class,
        DbCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class AidlineCommand implements Runnable {

  @Option(
      names = "--config",
      scope = CommandLine.ScopeType.INHERIT,
      description = {"Configuration file (default: config/application.yaml).", "配置文件路径。"})
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private Map<String, String> env = System.getenv();

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Loads configuration: file, then environment. */
  AppConfig loadConfig() {
    return new ConfigLoader().load(config, env);
  }

  Application application() {
    return new Application(loadConfig(), Clock.systemDefaultZone());
  }

  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** A command line whose configuration reads the given environment (tests pass their own). */
  public static CommandLine commandLine(Map<String, String> env) {
    AidlineCommand root = new AidlineCommand();
    root.env = env;
    CommandLine cl = new CommandLine(root);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof ConfigException || ex instanceof StorageException || ex instanceof UserFacingException
              || ex instanceof KnowledgeException) {
            commandLine.getErr().println(ex.getMessage());
            return 2;
          }
          commandLine.getErr().println("错误: " + ex);
          return 1;
        });
    return cl;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"aidline " + Version.current()};
    }
  }
}
