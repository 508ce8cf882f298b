package aidline.answer;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.PolicyDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine that follows the knowledge base: every reindex (the folder watcher's, or an explicit
 * one) pushes a {@link #reload()}, which rebuilds the engine if the documents or standards.yaml /
 * lexicon.yaml changed. Answering reads one volatile field, with no lock and no file access. A
 * rebuild that fails (an edited document no longer holds a standard's quote) is logged and the
 * previous engine keeps answering. Each build remembers its answers to repeated questions; a
 * reindex that rebuilds nothing still makes it forget them.
 */
public final class ReloadingAnswerEngine implements AnswerEngine {
  private static final Logger log = LoggerFactory.getLogger(ReloadingAnswerEngine.class);

  private record Version(List<PolicyDocument> documents, List<FileTime> dataFiles) {}

  private final KnowledgeBase kb;
  private final List<Path> dataFiles;
  private final Supplier<AnswerEngine> build;
  private Version version;
  private volatile AnswerEngine engine;

  private ReloadingAnswerEngine(KnowledgeBase kb, List<Path> dataFiles, Supplier<AnswerEngine> build) {
    this.kb = kb;
    this.dataFiles = List.copyOf(dataFiles);
    this.build = build;
    this.version = current();
    this.engine = build.get();
  }

  /** Builds the engine now and rebuilds it after each reindex of {@code kb} that changed something. */
  public static ReloadingAnswerEngine following(KnowledgeBase kb, List<Path> dataFiles, Supplier<AnswerEngine> build) {
    ReloadingAnswerEngine e = new ReloadingAnswerEngine(kb, dataFiles, build);
    kb.onReindex(e::reload);
    return e;
  }

  @Override
  public Turn answer(String text, DialogState state) {
    return engine.answer(text, state);
  }

  @Override
  public void forget() {
    engine.forget();
  }

  /** Rebuilds the engine if the documents or data files changed since the last build. */
  public synchronized void reload() {
    Version now = current();
    if (now.equals(version)) {
      // same documents and data files, yet regions or synonyms may have changed the index's answers
      engine.forget();
      return;
    }
    try {
      engine = build.get();
      log.info("answer engine reloaded after a knowledge-base change");
    } catch (RuntimeException e) {
      log.error("answer engine not reloaded, still answering from the previous knowledge: {}", e.getMessage());
      engine.forget();
    }
    version = now;
  }

  private Version current() {
    List<FileTime> times = new ArrayList<>();
    for (Path f : dataFiles) {
      try {
        times.add(Files.exists(f) ? Files.getLastModifiedTime(f) : FileTime.fromMillis(0));
      } catch (IOException e) {
        times.add(FileTime.fromMillis(0));
      }
    }
    return new Version(kb.documents(), times);
  }
}
