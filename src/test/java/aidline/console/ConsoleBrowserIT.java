package aidline.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.app.Application;
import aidline.config.AppConfig;
import aidline.testing.InProcessConfig;
import aidline.ticket.Command;
import aidline.ticket.NewTicket;
import aidline.values.NationalId;
import aidline.values.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian chromium + chromium-driver, installed by .ci/run),
 * one app and one browser for the whole class (journeys run in order and reuse logins): an operator
 * registers a hotline call and follows it to closed; queues keep their filters and pages; a session
 * expiry keeps the call being typed; orders are corrected and worked in bulk; a call is registered
 * from the keyboard; an admin cannot disable themself; staff looks a student up. Screenshots land in
 * target/screenshots (the queue at 1366 and 390 px, a ticket, the dashboard, and any failed step).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/screenshots");

  @TempDir static Path dir;
  Application app;
  WebDriver driver;
  WebDriverWait wait;
  String base;

  @BeforeAll
  void start() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    if (!ci) {
      Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromium-driver not installed (.ci/run installs it)");
    }
    AppConfig config = InProcessConfig.load(dir, "a.db", "security:\n  bcryptCost: 4\n");
    app = new Application(config, Clock.systemDefaultZone());
    app.auth().addUser("zhang", Role.OPERATOR, "接线员小张", "operator-pass-1".toCharArray(), "test");
    app.auth().addUser("li", Role.STAFF, "资助中心小李", "staff-pass-123".toCharArray(), "test");
    app.auth().addUser("wang", Role.ADMIN, "管理员老王", "admin-pass-123".toCharArray(), "test");
    importStudent();
    seedOrders();
    app.startHttp();
    base = "http://127.0.0.1:" + app.port();

    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1366,900", "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // a view re-renders after each change; an element read mid-render is simply read again
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
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

  /**
   * 60 orders as on a busy morning: 30 still to dispatch, 30 dispatched (so 办理中 has more than one
   * page of 20), each its own caller; every third one is a complaint, the rest 资助未到账.
   */
  void seedOrders() {
    var tickets = app.tickets();
    for (int i = 0; i < 60; i++) {
      var opened = tickets.open(new NewTicket("hotline", "来电人" + i, String.format("1390000%04d", i), null, i % 2 == 0 ? "华容" : "岳阳",
          null, i % 3 == 0 ? "complaint" : "aid_not_received", "批量种子工单 " + i), "zhang");
      if (i >= 30) {
        tickets.act(opened.ticket().ticketNo(), Command.of(Command.Action.DISPATCH, "zhang"));
      }
    }
  }

  @AfterAll
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

  String who;

  void login(String user, String password) {
    if (user.equals(who)) {
      return;
    }
    driver.get(base + "/console");
    if (who != null) {
      wait.until(d -> d.findElement(By.id("logout")).isDisplayed() || d.findElement(By.id("login-username")).isDisplayed());
      if (driver.findElement(By.id("logout")).isDisplayed()) {
        driver.findElement(By.id("logout")).click();
      }
    }
    who = user;
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
  @Order(1)
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
      act("办结", Map.of("note", "已核实，学校漏报，已补报", "parentReply", "补助将于本周内补发到家长一卡通"));
      wait.until(ExpectedConditions.textToBe(By.cssSelector("h2 .badge"), "已办结待回访"));
      assertEquals("补助将于本周内补发到家长一卡通", text("parent-reply"), "the reply to the parent is kept apart from the note");
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
      wait.until(ExpectedConditions.textToBe(By.id("kpi-total"), "62"));
      wait.until(d -> d.findElements(By.cssSelector("canvas")).size() >= 4);
      shot("dashboard");
    });
    step("staff-lookup", () -> {
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

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  List<String> rowTexts() {
    return driver.findElements(By.cssSelector("#ticket-table tbody tr[data-no]")).stream().map(WebElement::getText).toList();
  }

  @Test
  @Order(2)
  void filtersSearchAndPagingKeepTheQueue() {
    step("queue-paging", () -> {
      login("zhang", "operator-pass-1");
      driver.get(base + "/console#/queue/working");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "第 1 / 2 页"));
      assertTrue(text("queue-title").startsWith("办理中"), text("queue-title"));
      // every queue link carries its count
      wait.until(d -> "30".equals(d.findElement(By.cssSelector("[data-count=working]")).getText()));
      driver.findElement(By.id("page-next")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "第 2 / 2 页"));
      assertTrue(text("queue-title").startsWith("办理中"), "paging keeps the queue: " + text("queue-title"));
      assertEquals(10, rowTexts().size());
      driver.navigate().back();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "第 1 / 2 页"));
      shot("queue-1366");
    });
    step("queue-filter", () -> {
      new Select(driver.findElement(By.cssSelector("#queue-filter select[name=category]"))).selectByValue("complaint");
      driver.findElement(By.cssSelector("#queue-filter button")).click();
      wait.until(ExpectedConditions.urlContains("category=complaint"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-title"), "共 10 单"));
      assertTrue(text("queue-title").startsWith("办理中"), text("queue-title"));
      for (String row : rowTexts()) {
        assertTrue(row.contains("投诉举报") && row.contains("已派单"), "only complaints still being worked: " + row);
      }
      // a search inside the queue stays inside it; a whole phone number is kept out of the URL
      WebElement q = driver.findElement(By.cssSelector("#queue-filter input[name=q]"));
      q.sendKeys("13900000033");
      q.submit();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-title"), "共 1 单"));
      assertTrue(text("queue-title").startsWith("办理中"), text("queue-title"));
      assertTrue(!driver.getCurrentUrl().contains("13900000033"), "no phone in the URL: " + driver.getCurrentUrl());
      assertEquals("13900000033", driver.findElement(By.cssSelector("#queue-filter input[name=q]")).getAttribute("value"));
    });
    step("queue-status-filter", () -> {
      driver.get(base + "/console#/queue/all?status=received&region=华容");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-title"), "共"));
      assertTrue(text("queue-title").startsWith("全部工单"), text("queue-title"));
      for (String row : rowTexts()) {
        assertTrue(row.contains("已受理") && row.contains("华容"), row);
      }
      assertTrue(driver.findElement(By.cssSelector("#ticket-table tbody tr[data-no]")).getText().contains("剩余"), "time left per row");
    });
    step("queue-390", () -> {
      driver.manage().window().setSize(new Dimension(390, 844));
      driver.get(base + "/console#/queue/dispatch");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-title"), "待派单"));
      assertEquals("none", js("return getComputedStyle(document.querySelector('nav')).display"), "the sidebar folds away");
      assertEquals("block", js("return getComputedStyle(document.querySelector('#ticket-table tbody tr')).display"), "rows become cards");
      shot("queue-390");
      driver.findElement(By.id("nav-toggle")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("nav a[data-path='queue/all']")));
      driver.manage().window().setSize(new Dimension(1366, 900));
    });
  }

  @Test
  @Order(3)
  void sessionExpiryHidesThePageAndKeepsTheDraft() {
    step("expiry", () -> {
      login("zhang", "operator-pass-1");
      driver.get(base + "/console#/register");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("callerName"))).sendKeys("赵奶奶");
      driver.findElement(By.name("callerPhone")).sendKeys("13711112222");
      driver.findElement(By.name("description")).sendKeys("孙子的营养膳食补助问题");
      driver.findElement(By.name("region")).sendKeys("华容");
      driver.manage().deleteCookieNamed("aidline_session");
      driver.findElement(By.id("register-submit")).click();
      WebElement msg = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-message")));
      assertTrue(msg.getText().contains("登录已过期"), msg.getText());
      assertTrue(!driver.findElement(By.id("app")).isDisplayed(), "the old page is hidden");
      assertTrue(!driver.getPageSource().contains("13711112222"), "nothing typed stays in the page under the login form");
      // logging in again on the same page (no reload) returns to the form with the draft
      driver.findElement(By.id("login-username")).clear();
      driver.findElement(By.id("login-username")).sendKeys("zhang");
      driver.findElement(By.id("login-password")).sendKeys("operator-pass-1");
      driver.findElement(By.id("login-submit")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft-restored")));
      assertEquals("赵奶奶", driver.findElement(By.name("callerName")).getAttribute("value"));
      assertEquals("13711112222", driver.findElement(By.name("callerPhone")).getAttribute("value"));
      assertEquals("孙子的营养膳食补助问题", driver.findElement(By.name("description")).getAttribute("value"));
      driver.findElement(By.id("register-submit")).click();
      wait.until(ExpectedConditions.urlContains("#/ticket/JY"));
      assertEquals(null, js("return sessionStorage.getItem('aidline.draft.register')"), "a saved call leaves no draft");
    });
  }

  @Test
  @Order(4)
  void anOrderIsCorrectedWithAReasonAndNotedInternally() {
    step("edit", () -> {
      login("zhang", "operator-pass-1");
      driver.get(base + "/console#/queue/dispatch?sort=new");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ticket-table tbody tr[data-no] a"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.id("edit-open"))).click();
      WebElement region = driver.findElement(By.cssSelector("#edit-form input[name=region]"));
      region.clear();
      region.sendKeys("岳阳县");
      new Select(driver.findElement(By.cssSelector("#edit-form select[name=category]"))).selectByValue("policy_inquiry");
      driver.findElement(By.cssSelector("#edit-form input[name=studentId]")).sendKeys(STUDENT);
      driver.findElement(By.cssSelector("#edit-form input[name=reason]")).sendKeys("来电人更正了所在县");
      driver.findElement(By.id("edit-submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "修改信息"));
      String timeline = text("timeline");
      assertTrue(timeline.contains("岳阳县") && timeline.contains("政策咨询") && timeline.contains("来电人更正了所在县")
          && timeline.contains("zhang"), timeline);
      driver.findElement(By.id("note-text")).sendKeys("已联系学校，等回复");
      driver.findElement(By.id("note-submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "内部备注"));
      String fields = text("ticket-fields");
      assertTrue(fields.contains("热线来电") && fields.contains("优先级：普通") && !fields.contains("hotline"), fields);
      // one masking rule: an operator sees the student's 身份证号 masked, on the page and in its history
      String student = text("student-id");
      assertTrue(student.contains("*") && student.endsWith(STUDENT.substring(14)), student);
      assertTrue(!driver.getPageSource().contains(STUDENT), "the whole 身份证号 is nowhere in the page");
      shot("ticket-detail");
    });
  }

  @Test
  @Order(5)
  void bulkChaseAsksForConfirmationWithTheCount() {
    step("bulk", () -> {
      login("zhang", "operator-pass-1");
      driver.get(base + "/console#/queue/working");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "第 1 / 2 页"));
      List<WebElement> picks = driver.findElements(By.cssSelector("#ticket-table .pick"));
      picks.get(0).click();
      picks.get(1).click();
      picks.get(2).click();
      wait.until(ExpectedConditions.textToBe(By.id("picked"), "已选择 3 单"));
      driver.findElement(By.cssSelector("[data-bulk=chase]")).click();
      WebElement count = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-count")));
      assertTrue(count.getText().contains("3"), count.getText());
      driver.findElement(By.id("bulk-reason")).sendKeys("家长再次来电催促");
      driver.findElement(By.id("dialog-ok")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bulk-msg"), "已催办 3 单"));
      // cancel without a reason is refused before anything changes
      driver.findElements(By.cssSelector("#ticket-table .pick")).get(0).click();
      driver.findElement(By.cssSelector("[data-bulk=cancel]")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dialog-ok"))).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bulk-msg"), "必须填写原因"));
      assertTrue(text("queue-title").contains("共 30 单"), text("queue-title"));
    });
  }

  @Test
  @Order(6)
  void aCallIsRegisteredFromTheKeyboard() {
    step("keyboard", () -> {
      login("zhang", "operator-pass-1");
      driver.get(base + "/console#/queue/dispatch");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ticket-table")));
      new Actions(driver).sendKeys("?").perform();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shortcuts")));
      assertTrue(text("shortcuts").contains("Ctrl+Enter"), text("shortcuts"));
      new Actions(driver).sendKeys(Keys.ESCAPE).perform();
      new Actions(driver).sendKeys("j").sendKeys("j").perform();
      assertEquals(1L, js("return document.querySelectorAll('#ticket-table tr.cursor').length"));
      new Actions(driver).sendKeys("n").perform();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("callerName")));
      wait.until(d -> "callerName".equals(js("return document.activeElement && document.activeElement.name")));
      new Actions(driver).sendKeys("孙爷爷").sendKeys(Keys.TAB).sendKeys("13900000031").sendKeys(Keys.TAB).sendKeys("华容").perform();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("caller-history"), "该号码的历史工单（1）"));
      new Select(driver.findElement(By.name("category"))).selectByValue("policy_inquiry");
      new Select(driver.findElement(By.id("template"))).selectByValue("0");
      WebElement desc = driver.findElement(By.name("description"));
      assertTrue(desc.getAttribute("value").contains("资助"), desc.getAttribute("value"));
      desc.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
      // the caller has an open order: the duplicate warning comes first, a second Ctrl+Enter saves
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dup-warning")));
      desc.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
      wait.until(ExpectedConditions.urlContains("#/ticket/JY"));
      wait.until(ExpectedConditions.textToBe(By.cssSelector("h2 .badge"), "已受理"));
    });
  }

  @Test
  @Order(8)
  void anAdminCannotDisableThemself() {
    step("admin-self-disable", () -> {
      login("wang", "admin-pass-123");
      driver.get(base + "/console#/users");
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-user=wang] [data-toggle]"))).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-error"), "不能停用"));
      assertTrue(driver.findElement(By.cssSelector("tr[data-user=wang]")).getText().contains("正常"));
      // nor demote the last admin: the server refuses, the page says why and keeps the role
      new Select(driver.findElement(By.cssSelector("select[data-role=wang]"))).selectByValue("staff");
      wait.until(ExpectedConditions.elementToBeClickable(By.id("dialog-ok"))).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-error"), "最后一位管理员"));
      assertEquals("admin", new Select(driver.findElement(By.cssSelector("select[data-role=wang]"))).getFirstSelectedOption().getAttribute("value"));
      // a role change that is allowed is audited and shown in Chinese
      new Select(driver.findElement(By.cssSelector("select[data-role=li]"))).selectByValue("operator");
      wait.until(ExpectedConditions.elementToBeClickable(By.id("dialog-ok"))).click();
      wait.until(d -> "operator".equals(new Select(d.findElement(By.cssSelector("select[data-role=li]"))).getFirstSelectedOption().getAttribute("value")));
      new Select(driver.findElement(By.cssSelector("select[data-role=li]"))).selectByValue("staff");
      wait.until(ExpectedConditions.elementToBeClickable(By.id("dialog-ok"))).click();
      wait.until(d -> "staff".equals(new Select(d.findElement(By.cssSelector("select[data-role=li]"))).getFirstSelectedOption().getAttribute("value")));
      driver.get(base + "/console#/audit?action=user");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-table")));
      String audit = text("audit-table");
      assertTrue(audit.contains("添加账号") && audit.contains("角色：管理员") && !audit.contains("user.add"), audit);
      assertTrue(audit.contains("更改角色") && audit.contains("角色：工作人员 → 接线员"), audit);
    });
  }

  @Test
  @Order(9)
  void theDashboardOnDemoDataShowsCategoriesRegionsTrendAndGaps() {
    step("dashboard-demo", () -> {
      aidline.demo.StudentDemo.of(app.students(), app.knowledge().regions(), app.clock())
          .seed(120, aidline.student.StudentImporter.Progress.NONE);
      var at = new aidline.demo.TicketDemo.MovableClock(app.clock().instant(), app.clock().getZone());
      List<String> demo = new aidline.demo.TicketDemo(app.ticketsAt(at), at, app.knowledge().regions(), app.clock()).seed(1L);
      assertTrue(demo.size() >= 60, "about four a day for 30 days: " + demo.size());
      login("li", "staff-pass-123");
      driver.get(base + "/console#/dashboard");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("c-gaps")));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gaps-note"), "名学生"));
      long total = Long.parseLong(text("kpi-total"));
      assertTrue(total >= 62 + demo.size(), "demo orders counted: " + total);
      driver.manage().window().setSize(new Dimension(1366, 1700));
      shot("dashboard-demo");
      driver.manage().window().setSize(new Dimension(1366, 900));
    });
  }
}
