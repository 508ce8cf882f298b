package aidline.knowledge;

import java.nio.file.Path;

/** A problem with the knowledge base (a document, a data file); the message is Chinese. */
public class KnowledgeException extends RuntimeException {
  public KnowledgeException(String message) {
    super(message);
  }

  /** The folder is gone (moved, being redeployed): the last good index keeps being served. */
  public static final class FolderMissing extends KnowledgeException {
    public FolderMissing(Path dir) {
      super("知识库目录不存在: " + dir + "（目前仍使用上一次成功加载的内容；恢复目录后再重建索引）");
    }
  }
}
