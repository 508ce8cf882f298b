package aidline.cli;

import aidline.app.Application;
import aidline.security.AuthService;
import aidline.security.RoleNames;
import aidline.security.SecurityException;
import aidline.security.User;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = {"Manage operator/staff/admin accounts.", "管理接线员、工作人员和管理员账号。"},
    subcommands = {UsersCommand.Add.class, UsersCommand.Disable.class, UsersCommand.Enable.class,
        UsersCommand.Reset.class, UsersCommand.ListUsers.class})
final class UsersCommand {
  @ParentCommand AidlineCommand parent;

  <T> T withAuth(Function<AuthService, T> work) {
    try (Application app = parent.application()) {
      return work.apply(app.auth());
    } catch (SecurityException e) {
      throw new UserFacingException(e.getMessage());
    }
  }

  static char[] readPassword() {
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new UserFacingException("请从标准输入提供密码（--password-stdin）");
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new UserFacingException("无法读取标准输入: " + e.getMessage());
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = {"Add an account; the password is read from stdin.", "添加账号，密码从标准输入读取。"})
  static final class Add implements Runnable {
    @ParentCommand UsersCommand users;
    @Option(names = "--username", required = true) String username;
    @Option(names = "--role", required = true, description = "operator | staff | admin") String role;
    @Option(names = "--name", description = {"Display name.", "显示名称。"}) String displayName;
    @Option(names = "--password-stdin", required = true, description = {"Read the password from stdin.", "从标准输入读取密码。"}) boolean passwordStdin;

    @Override
    public void run() {
      char[] pw = readPassword();
      User u = users.withAuth(a -> a.addUser(username, RoleNames.parse(role), displayName, pw, "cli"));
      System.out.println("已添加用户 " + u.username() + "（" + RoleNames.chinese(u.role()) + "）");
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = {"Disable an account and end its sessions.", "停用账号。"})
  static final class Disable implements Runnable {
    @ParentCommand UsersCommand users;
    @Parameters(index = "0") String username;

    @Override
    public void run() {
      users.withAuth(a -> { a.setDisabled(username, true, "cli"); return null; });
      System.out.println("已停用用户 " + username);
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = {"Enable a disabled account.", "启用账号。"})
  static final class Enable implements Runnable {
    @ParentCommand UsersCommand users;
    @Parameters(index = "0") String username;

    @Override
    public void run() {
      users.withAuth(a -> { a.setDisabled(username, false, "cli"); return null; });
      System.out.println("已启用用户 " + username);
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true, description = {"Set a new password (stdin) and unlock.", "重置密码并解除锁定。"})
  static final class Reset implements Runnable {
    @ParentCommand UsersCommand users;
    @Parameters(index = "0") String username;
    @Option(names = "--password-stdin", required = true) boolean passwordStdin;

    @Override
    public void run() {
      char[] pw = readPassword();
      users.withAuth(a -> { a.resetPassword(username, pw, "cli"); return null; });
      System.out.println("已重置用户 " + username + " 的密码");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = {"List accounts.", "列出账号。"})
  static final class ListUsers implements Runnable {
    @ParentCommand UsersCommand users;

    @Override
    public void run() {
      for (User u : users.withAuth(AuthService::users)) {
        System.out.println(u.username() + "\t" + RoleNames.wire(u.role()) + "\t" + (u.disabled() ? "已停用" : "正常"));
      }
    }
  }
}
