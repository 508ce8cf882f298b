package aidline.knowledge;

/** A problem with the knowledge base (a document, a data file); the message is Chinese. */
public class KnowledgeException extends RuntimeException {
  public KnowledgeException(String message) {
    super(message);
  }
}
