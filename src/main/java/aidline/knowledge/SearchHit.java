package aidline.knowledge;

/** A search result: the passage, its score, and a snippet with the matched words marked. */
public record SearchHit(Passage passage, double score, String snippet) {}
