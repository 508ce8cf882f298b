package aidline.answer;

import aidline.values.BoundedCache;
import java.util.function.Supplier;

/**
 * A bounded memory of computed answers, keyed by everything an answer depends on: the question as
 * the engine was given it and the part of the asker's dialog state the engine reads. One belongs to
 * one engine build, so a knowledge-base reload (a new build) starts with an empty one. Parents ask
 * the same few questions again and again (公示几天, 寄宿生生活补助多少): those skip retrieval entirely.
 * Reads take no lock (every chat request reads it); when full, an arbitrary eighth of the entries
 * is dropped, which keeps the popular questions (they come straight back) without LRU bookkeeping
 * on every read.
 */
final class AnswerCache<V> {
  /** A question and the context the engine reads; two askers share an entry only if both are equal. */
  record Key(String text, DialogState state) {}

  private final BoundedCache<Key, V> entries;

  AnswerCache(int capacity) {
    this.entries = new BoundedCache<>(capacity);
  }

  /**
   * The remembered value, or {@code compute}'s, remembered. Computed outside any lock: two askers
   * of a new question may both compute it (same result), but nobody waits for another's answer.
   */
  V get(Key key, Supplier<V> compute) {
    return entries.get(key, k -> compute.get());
  }

  void clear() {
    entries.clear();
  }

  int size() {
    return entries.size();
  }
}
