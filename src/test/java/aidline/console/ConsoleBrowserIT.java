package aidline.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.app.Application;
import aidline.config.AppConfig;
import aidline.config.ConfigLoader;
import aidline.values.NationalId;
import aidline.values.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian chromium + chromium-driver, installed by .ci/run):
 * an operator registers a hotline call and follows it to closed; staff looks a student up; the
 * dashboard renders its charts. Screenshots land in target/screenshots (always for the dashboard,
 * and for any step that fails).
 */
class ConsoleBrowserIT {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/screenshots");

  @TempDir Path dir;
  Application app;
  WebDriver driver;
  WebDriverWait wait;
  String base;

  @BeforeEach
  void start() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    if (!ci) {
      Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromium-driver not installed (.ci/run installs it)");
    }
    Path cfg = dir.resolve("app.yaml");
    Files.writeString(cfg, "security:\n  bcryptCost: 4\n");
    AppConfig config = new ConfigLoader().load(cfg, Map.of(
        "AIDLINE_DB", dir.resolve("a.db").toString(), "AIDLINE_PORT", "0", "AIDLINE_HOST", "127.0.0.1",
        "AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString(), "AIDLINE_KB_WATCH", "false"));
    app = new Application(config, Clock.systemDefaultZone());
    app.auth().addUser("zhang", Role.OPERATOR, "接线员小张", "operator-pass-1".toCharArray(), "test");
    app.auth().addUser("li", Role.STAFF, "资助中心小李", "staff-pass-123".toCharArray(), "test");
    importStudent();
    app.startHttp();
    base = "http://127.0.0.1:" + app.port();

    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000", "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  static final String STUDENT = nationalId("43062320150305001");

  static String nationalId(String first17) {
    return first17 + NationalId.checkChar(first17);
  }

  /** One boarder in 华容 whose 寄宿生生活补助 is stuck at 公示: a gap the lookup must show. */
  void importStudent() {
    String roll = "姓名,身份证号,学校,学段,年级,是否寄宿,家庭类别,户籍地,监护人,监护人电话\n"
        + "演示甲," + STUDENT + ",华容县第一中学,初中,八年级,是,建档立卡,华容县,演示家长甲,13800000001\n";
    String aid = "身份证号,学年,学期,资助项目,金额,状态,日期\n" + STUDENT + ",2026-2027,秋季,寄宿生生活补助,625,公示,2026-10-15\n";
    for (var kind : new aidline.student.StudentImporter.Kind[] {aidline.student.StudentImporter.Kind.STUDENTS,
        aidline.student.StudentImporter.Kind.AID}) {
      byte[] b = (kind == aidline.student.StudentImporter.Kind.STUDENTS ? roll : aid).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      app.students().importer().importFile(kind, new java.io.ByteArrayInputStream(b), java.nio.charset.StandardCharsets.UTF_8,
          b.length, aidline.student.StudentImporter.Progress.NONE);
    }
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  void shot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (Exception e) {
      System.err.println("screenshot failed: " + e);
    }
  }

  /** Runs a step; on failure keeps a screenshot named after it. */
  void step(String name, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | AssertionError e) {
      shot("failed-" + name);
      throw e;
    }
  }

  void login(String user, String password) {
    driver.get(base + "/console");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys(user);
    driver.findElement(By.id("login-password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "（"));
  }

  void act(String label, Map<String, String> fields) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[@data-action and text()='" + label + "']"))).click();
    for (var f : fields.entrySet()) {
      WebElement el = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name(f.getKey())));
      if ("select".equals(el.getTagName())) {
        new Select(el).selectByValue(f.getValue());
      } else {
        el.sendKeys(f.getValue());
      }
    }
    driver.findElement(By.id("action-submit")).click();
  }

  String status() {
    return driver.findElement(By.cssSelector("h2 .badge")).getText();
  }

  @Test
  void operatorRegistersACallAndFollowsItToClosedThenStaffLooksItUp() {
    step("login", () -> login("zhang", "operator-pass-1"));
    step("register", () -> {
      driver.get(base + "/console#/register");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("callerName"))).sendKeys("王大妈");
      driver.findElement(By.name("callerPhone")).sendKeys("13812345678");
      driver.findElement(By.name("region")).sendKeys("华容");
      new Select(driver.findElement(By.name("category"))).selectByValue("aid_not_received");
      driver.findElement(By.name("description")).sendKeys("孩子在华容县读初中住校，这学期寄宿生生活补助还没到账");
      driver.findElement(By.id("register-submit")).click();
      wait.until(ExpectedConditions.urlContains("#/ticket/JY"));
      wait.until(ExpectedConditions.textToBe(By.cssSelector("h2 .badge"), "已受理"));
    });
    String ticketNo = driver.getCurrentUrl().replaceAll(".*#/ticket/", "");
    step("dispatch", () -> {
      act("派单", Map.of());
      wait.until(ExpectedConditions.textToBe(By.cssSelector("h2 .badge"), "已派单"));
    });
    step("accept-start", () -> {
      act("签收", Map.of());
      wait.until(ExpectedConditions.textToBe(By.cssSelector("h2 .badge"), "已签收"));
      act("开始办理", Map.of());
      wait.until(ExpectedConditions.textToBe(By.cssSelector("h2 .badge"), "办理中"));
    });
    step("resolve", () -> {
      act("办结", Map.of("note", "已核实，补助将于本周内补发到家长一卡通"));
      wait.until(ExpectedConditions.textToBe(By.cssSelector("h2 .badge"), "已办结待回访"));
    });
    step("callback", () -> {
      act("回访", Map.of("satisfied", "true", "note", "家长表示满意"));
      wait.until(ExpectedConditions.textToBe(By.cssSelector("h2 .badge"), "已关闭"));
      String timeline = driver.findElement(By.cssSelector(".timeline")).getText();
      assertTrue(timeline.contains("派单") && timeline.contains("办结") && timeline.contains("回访"), timeline);
      assertEquals(0, driver.findElements(By.cssSelector("[data-action]")).size(), "a closed order offers no actions");
    });
    step("duplicate-warning", () -> {
      driver.get(base + "/console#/register");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("callerName"))).sendKeys("王大妈");
      driver.findElement(By.name("callerPhone")).sendKeys("13812345678");
      driver.findElement(By.name("region")).sendKeys("华容");
      driver.findElement(By.name("description")).sendKeys("再问一次");
      driver.findElement(By.id("register-submit")).click();
      // the first order is closed, so no warning: the new one is saved
      wait.until(ExpectedConditions.urlContains("#/ticket/JY"));
      driver.get(base + "/console#/register");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("callerName"))).sendKeys("王大妈");
      driver.findElement(By.name("callerPhone")).sendKeys("13812345678");
      driver.findElement(By.name("region")).sendKeys("华容");
      driver.findElement(By.name("description")).sendKeys("第三次来电");
      driver.findElement(By.id("register-submit")).click();
      WebElement warn = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dup-warning")));
      assertTrue(warn.getText().contains("可能是重复来电"), warn.getText());
    });
    step("dashboard", () -> {
      driver.get(base + "/console#/dashboard");
      wait.until(ExpectedConditions.textToBe(By.id("kpi-total"), "2"));
      wait.until(d -> d.findElements(By.cssSelector("canvas")).size() >= 4);
      shot("dashboard");
    });
    step("staff-lookup", () -> {
      driver.findElement(By.id("logout")).click();
      login("li", "staff-pass-123");
      driver.get(base + "/console#/queue/all?q=" + ticketNo);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-table"), ticketNo));
      driver.get(base + "/console#/student");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("student-id"))).sendKeys(STUDENT);
      driver.findElement(By.id("student-submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("student-card"), "演示甲"));
      String card = driver.findElement(By.id("student-card")).getText();
      assertTrue(!card.contains(STUDENT), "staff sees the 身份证号 masked: " + card);
      String gaps = driver.findElement(By.id("student-gaps")).getText();
      assertTrue(gaps.contains("寄宿生生活补助") && gaps.contains("公示"), gaps);
      assertTrue(driver.findElement(By.cssSelector("#student-result")).getText().contains("依据"), "entitlements cite their source");
      shot("student-lookup");
    });
  }
}
