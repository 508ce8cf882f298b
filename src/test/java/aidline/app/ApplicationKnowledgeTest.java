package aidline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired application: /health counts published documents of the configured folder. */
class ApplicationKnowledgeTest {
  @TempDir Path dir;

  @Test
  void healthCountsPublishedDocumentsOfTheConfiguredFolder() throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb"));
    Files.writeString(kb.resolve("a.md"), "---\nid: a\ntitle: 甲\nregion: 全国\nstatus: published\n---\n\n寄宿生补助。\n");
    Files.writeString(kb.resolve("b.md"), "---\nid: b\ntitle: 乙\nregion: 全国\nstatus: draft\n---\n\n草稿。\n");
    AppConfig cfg =
        new ConfigLoader()
            .load(null, Map.of("AIDLINE_PORT", "0", "AIDLINE_HOST", "127.0.0.1", "AIDLINE_DB", dir.resolve("a.db").toString(),
                "AIDLINE_KB_DIR", kb.toString(), "AIDLINE_KB_WATCH", "false"));
    try (Application app = new Application(cfg, Clock.systemUTC())) {
      app.startHttp();
      HttpResponse<String> res =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, res.statusCode());
      assertTrue(res.body().contains("\"knowledgeDocuments\":1"), res.body());
      assertEquals(1, app.knowledge().documents().size());
    }
  }
}
