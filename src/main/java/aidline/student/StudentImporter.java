package aidline.student;

import aidline.knowledge.Regions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads a school roll or an aid list (CSV, UTF-8 or GBK), checks every row, and writes the good
 * ones in batches of {@link #BATCH} rows, one transaction per batch: a crash loses at most the batch
 * in flight and never leaves half a row. Re-importing the same file updates the same rows.
 */
public final class StudentImporter {
  static final int BATCH = 10_000;
  public static final int MAX_LISTED = 1_000;

  /** Told after each batch; {@code totalBytes} is -1 when unknown. */
  @FunctionalInterface
  public interface Progress {
    void update(long bytesRead, long totalBytes, int rows);

    Progress NONE = (b, t, r) -> {};
  }

  public enum Kind {
    STUDENTS("students"),
    AID("aid");

    final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public static Kind parse(String text) {
      if (text == null || text.isBlank() || text.equals("students")) {
        return STUDENTS;
      }
      if (text.equals("aid")) {
        return AID;
      }
      throw new StudentImportException("kind 应为 students 或 aid");
    }
  }

  private final StudentRepository repository;
  private final Regions regions;
  private final Clock clock;
  private final int batchSize;

  public StudentImporter(StudentRepository repository, Regions regions, Clock clock) {
    this(repository, regions, clock, BATCH);
  }

  /** Tests use tiny batches to cross batch boundaries with a handful of rows. */
  StudentImporter(StudentRepository repository, Regions regions, Clock clock, int batchSize) {
    this.repository = repository;
    this.regions = regions;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  public ImportReport importFile(Kind kind, InputStream in, Charset charset, long totalBytes, Progress progress) {
    CountingStream counted = new CountingStream(in);
    Reader reader = new InputStreamReader(
        counted, charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    CsvReader csv = new CsvReader(reader);
    CsvReader.Row first = csv.next();
    if (first == null) {
      throw new StudentImportException("文件是空的");
    }
    if (String.join("", first.fields()).indexOf('\uFFFD') >= 0) {
      throw new StudentImportException("无法识别表头：文件编码不是 " + charset.displayName()
          + "（Excel 导出的 CSV 多为 GBK，请用 --encoding GBK；如果是 .xlsx 请先另存为 CSV）");
    }
    try {
      return kind == Kind.STUDENTS
          ? run(kind, csv, new StudentRows(StudentRows.header(first.fields()), regions, LocalDate.now(clock))::read,
              StudentProfile::nationalId, repository::upsertStudents, counted, totalBytes, progress)
          : run(kind, csv, new AidRows(AidRows.header(first.fields()))::read,
              a -> a.nationalId() + "|" + a.schoolYear() + "|" + a.term() + "|" + a.item(), repository::upsertAid, counted,
              totalBytes, progress);
    } finally {
      repository.bulkDone();
    }
  }

  private <T> ImportReport run(
      Kind kind,
      CsvReader csv,
      Function<CsvReader.Row, RowResult<T>> reader,
      Function<T, String> key,
      Function<List<T>, Map<Integer, String>> writer,
      CountingStream counted,
      long totalBytes,
      Progress progress) {
    List<ImportReport.Rejected> rejected = new ArrayList<>();
    int[] rejectedCount = {0};
    int rows = 0;
    int imported = 0;
    List<T> batch = new ArrayList<>(batchSize);
    List<Integer> lines = new ArrayList<>(batchSize);
    // a second row with the same key would silently overwrite the first while both counted as imported
    Map<String, Integer> firstLine = new HashMap<>();
    // one thread parses the next batch while another writes the last one: on two cores the import
    // then runs at the speed of the slower half instead of the sum of both
    ExecutorService writes = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "student-import-writer");
      t.setDaemon(true);
      return t;
    });
    Pending<T> pending = null;
    try {
      CsvReader.Row row;
      while ((row = csv.next()) != null) {
        rows++;
        RowResult<T> r = reader.apply(row);
        Integer earlier = r.ok() ? firstLine.putIfAbsent(key.apply(r.value()), r.line()) : null;
        if (earlier != null) {
          reject(rejected, rejectedCount, r.line(), "与第 " + earlier + " 行重复（同一身份证号" 
              + (kind == Kind.STUDENTS ? "" : "、学年、学期和资助项目") + "），本行未导入，请核对后保留一行");
        } else if (r.ok()) {
          batch.add(r.value());
          lines.add(r.line());
        } else {
          reject(rejected, rejectedCount, r.line(), r.reason());
        }
        if (batch.size() == batchSize) {
          imported += settle(pending, rejected, rejectedCount);
          List<T> b = batch;
          pending = new Pending<>(b, lines, writes.submit(() -> writer.apply(b)));
          batch = new ArrayList<>(batchSize);
          lines = new ArrayList<>(batchSize);
          progress.update(counted.count, totalBytes, rows);
        }
      }
      imported += settle(pending, rejected, rejectedCount);
      pending = null;
      imported += settle(batch.isEmpty() ? null : new Pending<>(batch, lines, CompletableFuture.completedFuture(writer.apply(batch))),
          rejected, rejectedCount);
    } finally {
      if (pending != null) {
        // parsing failed: let the batch in flight finish (or fail) on its own before returning
        try {
          pending.result().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
          // the parse failure is the one worth reporting
        }
      }
      writes.shutdown();
    }
    progress.update(counted.count, totalBytes, rows);
    rejected.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new ImportReport(kind.wire, rows, imported, rejectedCount[0], List.copyOf(rejected));
  }

  private record Pending<T>(List<T> batch, List<Integer> lines, Future<Map<Integer, String>> result) {}

  /** Waits for a batch to be written and books the rows the database refused. */
  private static <T> int settle(Pending<T> p, List<ImportReport.Rejected> rejected, int[] rejectedCount) {
    if (p == null) {
      return 0;
    }
    Map<Integer, String> refused;
    try {
      refused = p.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
    refused.forEach((i, reason) -> reject(rejected, rejectedCount, p.lines().get(i), reason));
    return p.batch().size() - refused.size();
  }

  private static void reject(List<ImportReport.Rejected> rejected, int[] count, int line, String reason) {
    count[0]++;
    if (rejected.size() < MAX_LISTED) {
      rejected.add(new ImportReport.Rejected(line, reason));
    }
  }

  /** Counts bytes so the CLI can show how far through the file we are. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
