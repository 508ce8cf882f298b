package aidline.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.app.Application;
import aidline.config.AppConfig;
import aidline.testing.InProcessConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The parents' web chat in a real headless Chromium at a phone's 360 px and a laptop's 1366 px: an
 * answer with its figure and collapsible 依据, quick replies through a work order, and the history
 * (order number included) after a reload. Screenshots land in target/screenshots.
 */
class WebChatBrowserIT {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/screenshots");

  @TempDir Path dir;
  Application app;
  WebDriver driver;
  WebDriverWait wait;
  String base;

  @BeforeEach
  void start() throws Exception {
    if (!"true".equals(System.getenv("CI"))) {
      Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromium-driver not installed (.ci/run installs it)");
    }
    AppConfig config = InProcessConfig.load(dir, "a.db", "security:\n  bcryptCost: 4\n");
    app = new Application(config, Clock.systemDefaultZone());
    app.startHttp();
    base = "http://127.0.0.1:" + app.port();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1366,900", "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome")));
    driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
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

  int bubbles() {
    return driver.findElements(By.cssSelector("#log .msg")).size();
  }

  /** Types a message and waits for the bot's reply bubble. */
  WebElement say(String text) {
    int before = bubbles();
    WebElement input = driver.findElement(By.id("text"));
    input.sendKeys(text);
    driver.findElement(By.id("send")).click();
    wait.until(d -> bubbles() >= before + 2);
    List<WebElement> all = driver.findElements(By.cssSelector("#log .msg.bot .bubble"));
    return all.get(all.size() - 1);
  }

  void tap(String quickReply) {
    int before = bubbles();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//div[@class='quick']/button[text()='" + quickReply + "']"))).click();
    wait.until(d -> bubbles() >= before + 2);
  }

  long pageWidth() {
    return (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;");
  }

  void conversation(String size, int width) {
    driver.manage().window().setSize(new Dimension(width, 800));
    driver.get(base + "/");
    try {
      WebElement log = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("log")));
      assertEquals("polite", log.getAttribute("aria-live"));
      WebElement answer = say("岳阳市初中寄宿生每年有多少生活补助？");
      assertTrue(answer.getText().contains("1250"), answer.getText());
      WebElement sources = answer.findElement(By.cssSelector("details.sources"));
      assertEquals(null, sources.getAttribute("open"), "依据 starts collapsed");
      sources.findElement(By.tagName("summary")).click();
      assertTrue(sources.getText().contains("岳教体办通〔2016〕17号"), sources.getText());
      assertEquals(1, countOf(answer.getText(), "岳教体办通〔2016〕17号"), "each citation once: " + answer.getText());
      shot("webchat-" + size + "-answer");

      say("补助一直没到账");
      tap("跳过");
      say("13812345678");
      say("岳阳市华容县");
      tap("是");
      List<WebElement> bots = driver.findElements(By.cssSelector("#log .msg.bot .bubble"));
      String filed = bots.get(bots.size() - 1).getText();
      assertTrue(filed.contains("工单已登记"), filed);
      assertTrue(pageWidth() <= width, "no sideways scrolling at " + width + " px: " + pageWidth());

      driver.navigate().refresh();
      wait.until(d -> d.findElements(By.cssSelector("#log .msg")).size() >= 12);
      String after = driver.findElement(By.id("log")).getText();
      assertTrue(after.contains("工单已登记") && after.contains("岳阳市初中寄宿生每年有多少生活补助"), after);
      shot("webchat-" + size + "-after-reload");
    } catch (RuntimeException | AssertionError e) {
      shot("failed-webchat-" + size);
      throw e;
    }
  }

  static int countOf(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void phoneWidth() {
    conversation("360", 360);
  }

  @Test
  void laptopWidth() {
    conversation("1366", 1366);
  }
}
