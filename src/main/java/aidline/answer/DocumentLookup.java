package aidline.answer;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.PolicyDocument;
import java.util.Collection;
import java.util.Optional;

/** The published documents the engine may quote, by id. */
public interface DocumentLookup {
  Optional<PolicyDocument> byId(String id);

  Collection<PolicyDocument> all();

  static DocumentLookup of(KnowledgeBase kb) {
    return new DocumentLookup() {
      @Override
      public Optional<PolicyDocument> byId(String id) {
        return kb.document(id);
      }

      @Override
      public Collection<PolicyDocument> all() {
        return kb.documents();
      }
    };
  }
}
