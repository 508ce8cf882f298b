package aidline.config;

/** A configuration problem, reported to the operator as one line naming the key. */
public class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super("配置错误 " + key + ": " + problem);
  }
}
