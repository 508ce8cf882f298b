package aidline.cli;

import aidline.app.Application;
import aidline.channel.wechat.WechatMenuException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "wechat",
    mixinStandardHelpOptions = true,
    description = {"WeChat official account tasks.", "微信公众号相关操作。"},
    subcommands = {WechatCommand.Menu.class})
final class WechatCommand implements Runnable {
  @ParentCommand AidlineCommand parent;

  @Override
  public void run() {
    throw new UserFacingException("请指定子命令，例如：aidline wechat menu publish");
  }

  @Command(
      name = "menu",
      mixinStandardHelpOptions = true,
      description = {"The 公众号 menu.", "公众号菜单。"},
      subcommands = {Publish.class})
  static final class Menu implements Runnable {
    @ParentCommand WechatCommand wechat;

    @Override
    public void run() {
      throw new UserFacingException("请指定子命令：aidline wechat menu publish");
    }
  }

  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = {"Publish the menu definition file through the WeChat API.", "把菜单定义文件发布到公众号。"})
  static final class Publish implements Runnable {
    @ParentCommand Menu menu;

    @Option(
        names = "--file",
        defaultValue = "config/wechat-menu.json",
        description = {"Menu definition (WeChat menu JSON). Default: ${DEFAULT-VALUE}", "菜单定义文件。"})
    Path file;

    @Override
    public void run() {
      try (Application app = menu.wechat.parent.application()) {
        var cfg = app.config().wechat();
        if (cfg.appId() == null || cfg.appId().isBlank() || cfg.secret() == null || cfg.secret().isBlank()) {
          throw new UserFacingException("缺少公众号 AppID/AppSecret：请设置 AIDLINE_WECHAT_APP_ID 和 AIDLINE_WECHAT_SECRET");
        }
        String result = app.wechatMenu().publish(file);
        menu.wechat.parent.spec.commandLine().getOut().println(result);
      } catch (WechatMenuException e) {
        throw new UserFacingException(e.getMessage());
      }
    }
  }
}
