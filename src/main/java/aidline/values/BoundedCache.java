package aidline.values;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded memory of a pure function's results, for the hot path of every chat message (the same
 * few questions come again and again). Reads take no lock; a value is computed outside any lock, so
 * two callers of a new key may both compute it (the same result) and nobody waits for another. When
 * full, an arbitrary eighth of the entries is dropped: popular keys come straight back, with no LRU
 * bookkeeping on every read. Only for functions whose result depends on the key alone.
 */
public final class BoundedCache<K, V> {
  private final int capacity;
  private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();

  /** @param capacity how many results to keep; 0 keeps none (every call computes) */
  public BoundedCache(int capacity) {
    this.capacity = capacity;
  }

  public V get(K key, Function<? super K, ? extends V> compute) {
    if (capacity <= 0) {
      return compute.apply(key);
    }
    V v = entries.get(key);
    if (v != null) {
      return v;
    }
    v = compute.apply(key);
    put(key, v);
    return v;
  }

  /** The remembered value, or null. */
  public V peek(K key) {
    return capacity <= 0 ? null : entries.get(key);
  }

  /** Remembers a value computed elsewhere (null: nothing). */
  public void put(K key, V value) {
    if (capacity <= 0 || value == null) {
      return;
    }
    if (entries.size() >= capacity) {
      shrink();
    }
    entries.put(key, value);
  }

  private void shrink() {
    int drop = Math.max(1, capacity / 8);
    Iterator<K> it = entries.keySet().iterator();
    while (drop-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  public void clear() {
    entries.clear();
  }

  public int size() {
    return entries.size();
  }
}
