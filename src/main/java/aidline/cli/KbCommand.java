package aidline.cli;

import aidline.app.Application;
import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.knowledge.CatalogConverter;
import aidline.knowledge.DocumentImporter;
import aidline.knowledge.InvalidSearchException;
import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.Regions;
import aidline.knowledge.ReindexReport;
import aidline.knowledge.SearchService;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = {"Knowledge base: import, search, reindex, convert.", "知识库：导入、搜索、重建索引、转换。"},
    subcommands = {
      KbCommand.Import.class,
      KbCommand.Search.class,
      KbCommand.Reindex.class,
      KbCommand.ConvertCatalog.class,
      KbStandardsCommand.class
    })
final class KbCommand implements Runnable {
  @ParentCommand AidlineCommand parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The application with {@code --kb} (if given) as the knowledge folder and no file watching. */
  Application application(Path kb) {
    AppConfig cfg = parent.loadConfig();
    String dir = kb != null ? kb.toString() : cfg.knowledge().dir();
    return new Application(cfg.withKnowledge(new AppConfig.Knowledge(dir, false, cfg.knowledge().cacheDir(), cfg.knowledge().retrieval())), Clock.systemDefaultZone());
  }

  static PrintWriter out(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Clean a policy text (txt, md, html) into knowledge-base/<id>.md as a draft for review.",
        "清理政策原文（txt、md、html），写成 knowledge-base/<id>.md 草稿（status: draft），待人工审核。"
      })
  static final class Import implements Runnable {
    @ParentCommand KbCommand kb;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "原文文件（.txt / .md / .html）")
    Path file;

    @Option(names = "--id", required = true, description = "文档编号（文件名），如 yueyang-jyfp-2016")
    String id;

    @Option(names = "--title", required = true, description = "标题")
    String title;

    @Option(names = "--region", required = true, description = "适用地区全称，如 湖南省岳阳市；全国；未知")
    String region;

    @Option(names = "--issuer", description = "发文机关")
    String issuer;

    @Option(names = "--doc-number", description = "文号，如 岳教体办通〔2016〕17号")
    String docNumber;

    @Option(names = "--date", description = "成文日期 YYYY-MM-DD")
    String date;

    @Option(names = "--kind", defaultValue = "policy", description = "policy | faq | guide")
    String kind;

    @Option(names = "--encoding", defaultValue = "UTF-8", description = "原文编码，如 GBK")
    String encoding;

    @Option(names = "--force", description = "覆盖已发布的同名文档")
    boolean force;

    @Option(names = "--kb", description = "知识库目录（默认取配置 knowledge.dir / AIDLINE_KB_DIR）")
    Path kbDir;

    @Override
    public void run() {
      if (!kind.matches("policy|faq|guide")) {
        throw new UserFacingException("--kind 只能是 policy、faq 或 guide");
      }
      if (date != null && !date.isBlank() && !date.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new UserFacingException("--date 格式应为 YYYY-MM-DD，例如 2016-04-11");
      }
      Charset cs;
      try {
        cs = Charset.forName(encoding);
      } catch (RuntimeException e) {
        throw new UserFacingException("不认识的编码: " + encoding);
      }
      try (Application app = kb.application(kbDir)) {
        Path dir = app.config().knowledge().dirPath();
        var regions = Regions.load(dir.resolve("regions.yaml"));
        var r = new DocumentImporter()
            .importTo(dir, new DocumentImporter.Request(file, id, title, region, issuer, docNumber, date, kind, cs), regions, force);
        PrintWriter out = out(spec);
        out.println("已写入草稿 " + r.file() + "（status: draft，审核后改为 published 才会被检索）");
        out.println("已删除网页/广告文字 " + r.dropped().size() + " 行：");
        r.dropped().forEach(d -> out.println("  - " + (d.length() > 60 ? d.substring(0, 60) + "…" : d)));
        if (r.regionWarning() != null) {
          out.println("注意: " + r.regionWarning());
        }
        if (r.garbled().isEmpty()) {
          out.println("没有发现疑似乱码的行。");
        } else {
          out.println("以下 " + r.garbled().size() + " 行疑似乱码，请人工修正：");
          r.garbled().forEach(g -> out.println("  " + g));
        }
      }
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = {"Search the published passages.", "检索已发布文档的段落。"})
  static final class Search implements Runnable {
    @ParentCommand KbCommand kb;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "问题或关键词")
    String question;

    @Option(names = "--region", description = "提问人所在地区，如 岳阳、湖南省岳阳市华容县")
    String region;

    @Option(names = "--limit", defaultValue = "5", description = "最多返回几段（1-50）")
    int limit;

    @Option(names = "--json", description = "输出 JSON（与 GET /api/search 相同）")
    boolean json;

    @Option(names = "--kb", description = "知识库目录")
    Path kbDir;

    @Override
    public void run() {
      try (Application app = kb.application(kbDir)) {
        SearchService.Result r;
        try {
          r = new SearchService(app.knowledge()).search(question, region, limit);
        } catch (InvalidSearchException e) {
          throw new UserFacingException(e.getMessage());
        }
        PrintWriter out = out(spec);
        if (json) {
          try {
            out.println(Json.mapper().writeValueAsString(r));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
          return;
        }
        if (r.hits().isEmpty()) {
          out.println("没有找到相关段落。");
          return;
        }
        int i = 1;
        for (SearchService.Hit h : r.hits()) {
          out.printf("%d. 《%s》%s %s〔%s〕 得分 %.2f%n", i++, h.title(), h.docNumber().isEmpty() ? "" : h.docNumber(), h.citation(), h.region(), h.score());
          out.println("   " + h.snippet().replace("\n", " "));
        }
      }
    }
  }

  @Command(
      name = "reindex",
      mixinStandardHelpOptions = true,
      description = {
        "Re-read the knowledge folder and report; with --server, ask a running service to reindex.",
        "重新读取知识库并报告；加 --server 时请运行中的服务重建索引（需管理员令牌）。"
      })
  static final class Reindex implements Runnable {
    @ParentCommand KbCommand kb;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--kb", description = "知识库目录")
    Path kbDir;

    @Option(names = "--server", description = "运行中服务的地址，如 http://127.0.0.1:8080")
    String server;

    @Option(names = "--token", description = "管理员令牌（也可用环境变量 AIDLINE_TOKEN）")
    String token;

    @Override
    public void run() {
      PrintWriter out = out(spec);
      if (server != null) {
        out.println(remote());
        return;
      }
      try (Application app = kb.application(kbDir)) {
        KnowledgeBase base = app.knowledge();
        ReindexReport r = base.reindex();
        out.println(base.dir() + ": " + r.summary());
        r.problems().forEach(p -> out.println("  " + p));
        if (!r.clean()) {
          throw new UserFacingException("有 " + r.problems().size() + " 个文件需要修正");
        }
      }
    }

    private String remote() {
      String t = token != null ? token : System.getenv("AIDLINE_TOKEN");
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create(server.replaceFirst("/+$", "") + "/api/admin/kb/reindex"))
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.noBody());
      if (t != null && !t.isBlank()) {
        req.header("Authorization", "Bearer " + t);
      }
      try {
        HttpResponse<String> res = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
          throw new UserFacingException("服务返回 " + res.statusCode() + ": " + res.body());
        }
        return res.body();
      } catch (IOException e) {
        throw new UserFacingException("无法连接服务 " + server + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserFacingException("已中断");
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("服务地址格式不正确: " + server);
      }
    }
  }

  @Command(
      name = "convert-catalog",
      mixinStandardHelpOptions = true,
      description = {
        "Convert a Markdown folder described by catalog.json into this knowledge-base format.",
        "把用 catalog.json 描述的 Markdown 知识库转换成本系统的格式（写到 DEST_DIR，不要写进仓库）。"
      })
  static final class ConvertCatalog implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC_DIR")
    Path src;

    @Parameters(index = "1", paramLabel = "DEST_DIR")
    Path dest;

    @Override
    public void run() {
      var r = new CatalogConverter().convert(src, dest);
      PrintWriter out = out(spec);
      out.println("已转换 " + r.converted() + " 篇（其中已发布 " + r.published() + " 篇）到 " + dest);
      r.problems().forEach(p -> out.println("  " + p));
      out.println("用法: aidline kb search \"问题\" --kb " + dest);
    }
  }

}
