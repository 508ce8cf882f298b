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
 * Rebuilds the engine when the knowledge base was reindexed or standards.yaml / lexicon.yaml
 * changed, so a served engine follows the folder watcher. A rebuild that fails (an edited document
 * no longer holds a standard's quote) is logged and the previous engine keeps answering.
 */
public final class ReloadingAnswerEngine implements AnswerEngine {
  private static final Logger log = LoggerFactory.getLogger(ReloadingAnswerEngine.class);

  private record Version(List<PolicyDocument> documents, List<FileTime> dataFiles) {}

  private final KnowledgeBase kb;
  private final List<Path> dataFiles;
  private final Supplier<AnswerEngine> build;
  private Version version;
  private AnswerEngine engine;

  public ReloadingAnswerEngine(KnowledgeBase kb, List<Path> dataFiles, Supplier<AnswerEngine> build) {
    this.kb = kb;
    this.dataFiles = List.copyOf(dataFiles);
    this.build = build;
    this.version = current();
    this.engine = build.get();
  }

  @Override
  public Turn answer(String text, DialogState state) {
    return engine().answer(text, state);
  }

  private synchronized AnswerEngine engine() {
    Version now = current();
    if (!now.equals(version)) {
      try {
        engine = build.get();
        log.info("answer engine reloaded after a knowledge-base change");
      } catch (RuntimeException e) {
        log.error("answer engine not reloaded, still answering from the previous knowledge: {}", e.getMessage());
      }
      version = now;
    }
    return engine;
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
