package aidline.bench;

import aidline.answer.AnswerEngine;
import aidline.answer.AnswerKnowledge;
import aidline.answer.DialogState;
import aidline.knowledge.ChineseAnalysis;
import aidline.knowledge.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * In-process answer latency over the dev questions, with the knowledge base as shipped and grown
 * ×100 / ×1000 by synthetic copies of its documents (each copy under a synthetic region, so the
 * engine has more places and passages to sift, as a national roll-out would give it).
 */
public final class AnswerScenario implements Scenario {
  @Override
  public String name() {
    return "answers";
  }

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    Path home = ctx.baseConfig().knowledge().dirPath().toAbsolutePath();
    DevQuestions q = DevQuestions.load(DevQuestions.DEFAULT);
    List<Result> out = new ArrayList<>();
    Stats base = measure(home, home, q, ctx.pick(60, 15), ChineseAnalysis.DEFAULT);
    out.add(Result.of(name(), "median per answer (KB ×1, " + base.count() + " answers)", base.median(), "ms", "≤ 0.8 ms", base.median() <= 0.8));
    out.add(Result.of(name(), "p99 per answer (KB ×1)", base.p99(), "ms", "≤ 5 ms", base.p99() <= 5));
    out.add(Result.of(name(), "max per answer (KB ×1)", base.max(), "ms", null, null));
    for (int factor : ctx.quick() ? new int[] {10} : new int[] {100, 1000}) {
      Path grown = grow(home, ctx.workDir().resolve("kb-x" + factor), factor);
      // bigram-only indexing: the engine ranks passages itself, and smartcn segmentation of 1000×
      // the corpus would take minutes without changing what is measured here
      Stats s = measure(grown, home, q, ctx.pick(10, 3), ChineseAnalysis.BIGRAMS);
      String target = factor >= 1000 ? "p99 ≤ 30 ms" : null;
      out.add(Result.of(name(), "median per answer (KB ×" + factor + ")", s.median(), "ms", null, null));
      out.add(Result.of(name(), "p99 per answer (KB ×" + factor + ")", s.p99(), "ms", target, target == null ? null : s.p99() <= 30)
          .withNote(String.format("p99 ×%d / ×1 = %.1f", factor, s.p99() / Math.max(base.p99(), 1e-6))));
    }
    return out;
  }

  private static Stats measure(Path dir, Path home, DevQuestions q, int rounds, ChineseAnalysis analysis) {
    try (KnowledgeBase kb = KnowledgeBase.open(dir, analysis)) {
      AnswerEngine engine = AnswerKnowledge.of(kb, home).engine();
      for (int r = 0; r < 3; r++) {
        ask(engine, q, null, 0);
      }
      long[] samples = new long[rounds * q.texts().size()];
      for (int r = 0; r < rounds; r++) {
        ask(engine, q, samples, r * q.texts().size());
      }
      return Stats.ofNanos(samples);
    }
  }

  /** Asks every question once; records each latency into {@code into} from {@code at} (warm-up: null). */
  private static void ask(AnswerEngine engine, DevQuestions q, long[] into, int at) {
    for (int i = 0; i < q.texts().size(); i++) {
      DialogState st = state(q, i);
      long t0 = System.nanoTime();
      engine.answer(q.texts().get(i), st);
      if (into != null) {
        into[at + i] = System.nanoTime() - t0;
      }
    }
  }

  private static DialogState state(DevQuestions q, int i) {
    String region = q.regions().get(i);
    return region == null ? DialogState.empty() : DialogState.ofRegion(region);
  }

  /** The shipped folder plus (factor - 1) renamed copies of every document; kept between runs. */
  static Path grow(Path home, Path target, int factor) throws IOException {
    Path marker = target.resolve(".complete");
    if (Files.exists(marker)) {
      return target;
    }
    Files.createDirectories(target);
    List<Path> docs;
    try (Stream<Path> s = Files.list(home)) {
      docs = s.filter(p -> p.toString().endsWith(".md")).toList();
    }
    try (Stream<Path> s = Files.list(home)) {
      for (Path p : s.filter(p -> !p.toString().endsWith(".md") && Files.isRegularFile(p)).toList()) {
        Files.copy(p, target.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (Path d : docs) {
      Files.copy(d, target.resolve(d.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String text = Files.readString(d);
      for (int i = 1; i < factor; i++) {
        String copy = text.replaceFirst("(?m)^id:\\s*(\\S+)", "id: $1-syn" + i)
            .replaceFirst("(?m)^region:.*$", "region: 合成省合成" + i + "市")
            .replaceFirst("(?m)^title:\\s*(.*)$", "title: $1（合成副本 " + i + "）");
        String name = d.getFileName().toString().replace(".md", "-syn" + i + ".md");
        Files.writeString(target.resolve(name), copy);
      }
    }
    Files.writeString(marker, "factor " + factor);
    return target;
  }
}
