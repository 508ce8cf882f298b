package aidline.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Loads configuration: built-in defaults, then the YAML file, then {@code AIDLINE_*} environment
 * variables. The environment is passed in so tests need not touch the process environment.
 */
public final class ConfigLoader {

  /** Environment variable → config key (dotted path). Outside checks rely on these names. */
  public static final Map<String, String> ENV_KEYS = envKeys();

  private static final String DEFAULTS = "/aidline/config/application.yaml";

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static Map<String, String> envKeys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("AIDLINE_HOST", "server.host");
    m.put("AIDLINE_PORT", "server.port");
    m.put("AIDLINE_MAX_BODY_BYTES", "server.maxBodyBytes");
    m.put("AIDLINE_DB", "storage.db");
    m.put("AIDLINE_DB_SYNCHRONOUS", "storage.synchronous");
    m.put("AIDLINE_DB_POOL", "storage.poolSize");
    m.put("AIDLINE_DB_COMMIT", "storage.commit");
    m.put("AIDLINE_DB_USER", "storage.user");
    m.put("AIDLINE_DB_PASSWORD", "storage.password");
    m.put("AIDLINE_KB_DIR", "knowledge.dir");
    m.put("AIDLINE_KB_WATCH", "knowledge.watch");
    m.put("AIDLINE_KB_CACHE_DIR", "knowledge.cacheDir");
    m.put("AIDLINE_KB_RETRIEVAL", "knowledge.retrieval");
    m.put("AIDLINE_WECHAT_TOKEN", "wechat.token");
    m.put("AIDLINE_WECHAT_AES_KEY", "wechat.aesKey");
    m.put("AIDLINE_WECHAT_APP_ID", "wechat.appId");
    m.put("AIDLINE_WECHAT_SECRET", "wechat.secret");
    m.put("AIDLINE_WECHAT_API_HOST", "wechat.apiHost");
    m.put("AIDLINE_WECHAT_REPLY_BUDGET_MILLIS", "wechat.replyBudgetMillis");
    m.put("AIDLINE_WECHAT_TEMPLATE_ID", "wechat.templateId");
    m.put("AIDLINE_TELEGRAM_TOKEN", "telegram.token");
    m.put("AIDLINE_TELEGRAM_API_URL", "telegram.apiUrl");
    m.put("AIDLINE_TICKET_CATEGORIES", "tickets.categories");
    m.put("AIDLINE_NODES", "cluster.nodes");
    m.put("AIDLINE_TICKET_HOLIDAYS", "tickets.holidays");
    return Map.copyOf(m);
  }

  /**
   * @param file the YAML file, or null for the default {@code config/application.yaml} (which may
   *     be absent: the built-in defaults then apply)
   */
  public AppConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = defaults();
    Path chosen = file != null ? file : Path.of("config", "application.yaml");
    if (Files.exists(chosen)) {
      merge(tree, readFile(chosen));
    } else if (file != null) {
      throw new ConfigException("--config", "文件不存在: " + file);
    }
    env.forEach(
        (name, value) -> {
          String key = ENV_KEYS.get(name);
          if (key != null) {
            set(tree, key, value);
          }
        });
    return ConfigValidator.validate(bind(tree));
  }

  private ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      return (ObjectNode) yaml.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("built-in defaults missing", e);
    }
  }

  private JsonNode readFile(Path file) {
    try {
      JsonNode node = yaml.readTree(file.toFile());
      if (node != null && !node.isObject() && !node.isMissingNode()) {
        throw new ConfigException(file.toString(), "顶层必须是键值映射");
      }
      return node;
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "无法读取或不是合法的 YAML (" + firstLine(e) + ")");
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static void merge(ObjectNode target, JsonNode source) {
    if (source == null || !source.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = source.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode obj && e.getValue().isObject()) {
        merge(obj, e.getValue());
      } else if (!e.getValue().isNull()) {
        target.set(e.getKey(), e.getValue());
      }
    }
  }

  private static void set(ObjectNode tree, String dotted, String value) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.with(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private AppConfig bind(ObjectNode tree) {
    try {
      return yaml.treeToValue(tree, AppConfig.class);
    } catch (IOException e) {
      String path = "config";
      if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
        path = jme.getPath().stream()
            .map(JsonMappingException.Reference::getFieldName)
            .filter(Objects::nonNull)
            .collect(Collectors.joining("."));
      }
      throw new ConfigException(path, "取值类型不对 (" + firstLine(e) + ")");
    }
  }
}
