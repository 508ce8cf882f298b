package aidline.knowledge;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import aidline.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder tree and runs an action once the files have been quiet for a while, so an
 * editor's save-rename-delete burst or a batch copy triggers one reindex, not dozens. When the
 * folder itself vanishes (a redeploy replacing it), nothing is run — the last good index keeps
 * being served — and the watcher checks every {@code quiet} period until the folder is back, then
 * watches it again and runs the action (issue 15, M7).
 */
public final class FolderWatcher implements Managed {
  private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);

  private final Path root;
  private final Duration quiet;
  private final Runnable action;
  private final WatchService watch;
  private final Thread thread;
  private boolean watching;

  public FolderWatcher(Path root, Duration quiet, Runnable action) {
    this.root = root;
    this.quiet = quiet;
    this.action = action;
    try {
      this.watch = root.getFileSystem().newWatchService();
      registerTree(root);
      watching = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = new Thread(this::loop, "kb-watcher");
    thread.setDaemon(true);
  }

  @Override
  public void start() {
    thread.start();
  }

  private void registerTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path d : s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).toList()) {
        d.register(watch, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
      }
    }
  }

  private void loop() {
    try {
      while (true) {
        if (!watching) {
          awaitReturn();
          continue;
        }
        WatchKey key = watch.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
          checkRoot();
          continue;
        }
        drain(key);
        // debounce: keep collecting until nothing has happened for the quiet period
        WatchKey more;
        while ((more = watch.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        checkRoot();
        if (watching) {
          run();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  private void checkRoot() {
    if (watching && !Files.isDirectory(root)) {
      watching = false;
      log.warn("knowledge base folder {} has vanished; serving the last index until it returns", root);
    }
  }

  private void awaitReturn() throws InterruptedException {
    Thread.sleep(quiet.toMillis());
    if (!Files.isDirectory(root)) {
      return;
    }
    try {
      registerTree(root);
    } catch (IOException | UncheckedIOException e) {
      return; // still being copied in; try again next period
    }
    watching = true;
    log.info("knowledge base folder {} is back; reindexing", root);
    // let a copy in progress settle before reading
    Thread.sleep(quiet.toMillis());
    run();
  }

  private void run() {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.error("knowledge base reindex after file change failed: {}", e.getMessage());
    }
  }

  private void drain(WatchKey key) {
    Path dir = (Path) key.watchable();
    for (var event : key.pollEvents()) {
      if (event.kind() == ENTRY_CREATE && event.context() instanceof Path name) {
        Path created = dir.resolve(name);
        if (Files.isDirectory(created)) {
          try {
            registerTree(created);
          } catch (IOException | UncheckedIOException e) {
            log.warn("cannot watch new folder {}: {}", created, e.getMessage());
          }
        }
      }
    }
    key.reset();
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      watch.close();
      thread.join(2000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Path root() {
    return root;
  }
}
