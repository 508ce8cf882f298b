package aidline.answer;

import aidline.knowledge.PolicyDocument;
import java.util.Collection;
import java.util.Optional;

/** The published documents the engine may quote, by id. */
public interface DocumentLookup {
  Optional<PolicyDocument> byId(String id);

  Collection<PolicyDocument> all();
}
