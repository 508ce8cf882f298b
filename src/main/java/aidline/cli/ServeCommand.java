package aidline.cli;

import aidline.app.Application;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {"Run the HTTP service (web chat, WeChat, API, console).", "启动服务。"})
final class ServeCommand implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @ParentCommand AidlineCommand parent;

  @picocli.CommandLine.Option(
      names = "--demo",
      description = {"Seed synthetic demo students first (as `demo --students 500`).", "启动前生成演示数据。"})
  boolean demo;

  @picocli.CommandLine.Option(
      names = "--training-run",
      hidden = true,
      description = "Start on a scratch database and free port, answer once, stop (mvn package: class-data archive).")
  boolean trainingRun;

  @Override
  public void run() {
    if (trainingRun) {
      TrainingRun.run(parent.loadConfig());
      return;
    }
    long started = System.nanoTime();
    Application app = parent.application();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down: finishing requests in flight");
                  app.close();
                  stopped.countDown();
                },
                "aidline-shutdown"));
    try {
      if (demo) {
        log.info("{}", DemoCommand.summary(DemoCommand.seed(app, 500, (b, t, r) -> {})));
      }
      app.startHttp();
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    log.info("aidline serving on port {} (started in {} ms)", app.port(), (System.nanoTime() - started) / 1_000_000);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
