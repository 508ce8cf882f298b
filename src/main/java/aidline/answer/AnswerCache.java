package aidline.answer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A bounded, least-recently-used memory of computed answers, keyed by everything an answer depends
 * on: the question as the engine was given it and the asker's dialog state. One belongs to one
 * engine build, so a knowledge-base reload (a new build) starts with an empty one. Parents ask the
 * same few questions again and again (公示几天, 寄宿生生活补助多少): those skip retrieval entirely.
 */
final class AnswerCache<V> {
  /** A question and the context the engine reads; two askers share an entry only if both are equal. */
  record Key(String text, DialogState state) {}

  private final int capacity;
  private final LinkedHashMap<Key, V> entries;

  AnswerCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
        return size() > AnswerCache.this.capacity;
      }
    };
  }

  /**
   * The remembered value, or {@code compute}'s, remembered. Computed outside the lock: two askers
   * of a new question may both compute it (same result), but nobody waits for another's answer.
   */
  V get(Key key, Supplier<V> compute) {
    if (capacity <= 0) {
      return compute.get();
    }
    V v;
    synchronized (entries) {
      v = entries.get(key);
    }
    if (v != null) {
      return v;
    }
    v = compute.get();
    synchronized (entries) {
      entries.put(key, v);
    }
    return v;
  }

  void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
