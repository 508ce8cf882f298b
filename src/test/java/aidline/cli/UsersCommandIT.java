package aidline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandIT {
  @TempDir Path dir;

  record Result(int exit, String out) {}

  Result run(String stdin, String... args) throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb"));
    List<String> cmd = new ArrayList<>(ServeCommandIT.childCommand(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("AIDLINE_DB", dir.resolve("a.db").toString());
    pb.environment().put("AIDLINE_KB_DIR", kb.toString());
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), out);
  }

  @Test
  void addListDisableAndRejectBadInput() throws Exception {
    Result add = run("a-long-password\n", "users", "add", "--username", "zhang", "--role", "operator", "--password-stdin");
    assertEquals(0, add.exit(), add.out());
    assertTrue(add.out().contains("已添加用户 zhang"), add.out());

    Result dup = run("a-long-password\n", "users", "add", "--username", "zhang", "--role", "staff", "--password-stdin");
    assertEquals(2, dup.exit());
    assertEquals("用户 zhang 已存在", dup.out());

    Result badRole = run("a-long-password\n", "users", "add", "--username", "li", "--role", "boss", "--password-stdin");
    assertEquals(2, badRole.exit());
    assertEquals(1, badRole.out().lines().count(), badRole.out());

    Result disable = run(null, "users", "disable", "zhang");
    assertEquals(0, disable.exit(), disable.out());
    Result list = run(null, "users", "list");
    assertTrue(list.out().contains("zhang\toperator\t已停用"), list.out());
  }

  /** Issue 15, M3: a password over bcrypt's 72 bytes used to end in a raw exception. */
  @Test
  void longChinesePasswordsAreAddedAndAbsurdOnesGetOneChineseLine() throws Exception {
    Result add = run("我们家住在湖南省岳阳市华容县城关镇某某村第三组门牌号二十八号\n",
        "users", "add", "--username", "wang", "--role", "staff", "--password-stdin");
    assertEquals(0, add.exit(), add.out());
    assertTrue(add.out().contains("已添加用户 wang"), add.out());
    Result huge = run("密".repeat(2000) + "\n", "users", "add", "--username", "zhao", "--role", "staff", "--password-stdin");
    assertEquals(2, huge.exit(), huge.out());
    assertEquals(1, huge.out().lines().count(), huge.out());
    assertTrue(huge.out().contains("密码最长") && !huge.out().contains("Exception"), huge.out());
  }
}
