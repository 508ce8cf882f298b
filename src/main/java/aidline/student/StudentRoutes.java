package aidline.student;

import aidline.http.Callers;
import aidline.http.ErrorHandlers;
import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import aidline.values.Caller;
import aidline.values.InvalidNationalIdException;
import aidline.values.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/** Staff routes under /api/students. Handlers parse, call one service method, write. */
public final class StudentRoutes implements RouteModule {
  private final StudentService service;
  private final StudentImporter importer;
  private final long maxUploadBytes;

  /** @param maxUploadBytes server.maxBodyBytes: the upload is streamed, so Javalin does not apply it */
  public StudentRoutes(StudentService service, StudentImporter importer, long maxUploadBytes) {
    this.service = service;
    this.importer = importer;
    this.maxUploadBytes = maxUploadBytes;
  }

  @Override
  public void routes(RoutesConfig routes) {
    // fixed paths before /{id}, so "gaps" and "import" are never read as a student number
    routes.get("/api/students/gaps", this::gaps, RequiredRole.STAFF);
    routes.post("/api/students/gaps/tickets", this::openForReport, RequiredRole.STAFF);
    routes.post("/api/students/import", this::upload, RequiredRole.STAFF);
    routes.get("/api/students/{id}", this::lookup, RequiredRole.STAFF);
    routes.post("/api/students/{id}/tickets", this::openForStudent, RequiredRole.STAFF);
  }

  @Override
  public void errors(ErrorHandlers errors) {
    errors.map(InvalidNationalIdException.class, 400, "invalid_student_id")
        .map(StudentNotFoundException.class, 404, "student_not_found")
        .map(StudentImportException.class, 400, "bad_import_file")
        .map(BadStudentQueryException.class, 400, "bad_student_query")
        .map(TicketsUnavailableException.class, 503, "tickets_unavailable")
        .map(UploadTooLargeException.class, 413, "upload_too_large");
  }

  private void lookup(Context ctx) {
    ctx.json(service.lookup(ctx.pathParam("id"), Callers.of(ctx)));
  }

  private void gaps(Context ctx) {
    Caller caller = Callers.of(ctx);
    StudentService.GapQuery q = query(ctx);
    StudentService.GapReport report = service.gapReport(q);
    boolean csv = "csv".equalsIgnoreCase(ctx.queryParam("format"));
    service.recordGapExport(q, csv ? "csv" : "json", caller);
    if (csv) {
      ctx.header("Content-Disposition", "attachment; filename=\"gaps-" + report.schoolYear() + ".csv\"")
          .contentType("text/csv; charset=utf-8")
          .result(GapExport.csv(report, caller.role()).getBytes(StandardCharsets.UTF_8));
    } else {
      ctx.json(GapExport.json(report, caller.role()));
    }
  }

  private void openForReport(Context ctx) {
    ctx.status(201).json(Map.of("opened", service.openAidTickets(query(ctx), Callers.of(ctx))));
  }

  private void openForStudent(Context ctx) {
    ctx.status(201).json(Map.of("ticketNo", service.openAidTicket(ctx.pathParam("id"), Callers.of(ctx))));
  }

  /** Raw CSV body, or a multipart form with the file in any field; {@code ?kind=aid} for aid lists. */
  private void upload(Context ctx) {
    long length = ctx.contentLength();
    if (length < 0 || length > maxUploadBytes) {
      // checked before reading, so a refused upload changes nothing
      throw new UploadTooLargeException(length < 0
          ? "上传须注明文件大小（Content-Length）"
          : "文件超过上传上限 " + maxUploadBytes + " 字节，请用命令行 aidline students import 导入");
    }
    StudentImporter.Kind kind = StudentImporter.Kind.parse(ctx.queryParam("kind"));
    Charset charset = charset(ctx.queryParam("encoding"));
    try (InputStream in = body(ctx)) {
      ctx.json(importer.importFile(kind, in, charset, -1, StudentImporter.Progress.NONE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream body(Context ctx) {
    if (ctx.isMultipartFormData()) {
      UploadedFile file = ctx.uploadedFiles().stream().findFirst()
          .orElseThrow(() -> new StudentImportException("表单中没有文件"));
      return file.content();
    }
    return ctx.bodyInputStream();
  }

  private static StudentService.GapQuery query(Context ctx) {
    String limit = ctx.queryParam("limit");
    int n;
    try {
      n = limit == null || limit.isBlank() ? 0 : Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      throw new BadStudentQueryException("limit 应为数字");
    }
    return new StudentService.GapQuery(ctx.queryParam("region"), ctx.queryParam("school"), ctx.queryParam("stage"), n);
  }

  /** UTF-8 unless told otherwise; the CLI uses the same rule. */
  public static Charset charset(String name) {
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new StudentImportException("不支持的编码「" + name + "」（可用 UTF-8 或 GBK）");
    }
  }
}
