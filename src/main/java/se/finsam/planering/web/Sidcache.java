package se.finsam.planering.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a page read from the database, kept while the data version ({@link se.finsam.planering.db.Datautgava})
 * stays the same. Any change anywhere empties it, so it never shows old data; it only saves reading the same
 * rows again when nothing has changed (a participant reopening her plan, the service worker revalidating).
 * Bounded (least recently used goes first), so it fits the 128 MB heap of the deployment.
 */
public final class Sidcache<K, V> {

    private final int max;
    private final Map<K, V> entries;
    private long utgava = Long.MIN_VALUE;

    public Sidcache(int max) {
        this.max = max;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > Sidcache.this.max;
            }
        };
    }

    /**
     * The value for {@code key} at data version {@code nu}, built with {@code bygg} (outside the lock) when
     * missing. {@code nu} must have been read before {@code bygg} reads anything.
     */
    public V hamta(K key, long nu, Supplier<V> bygg) {
        synchronized (this) {
            if (nu > utgava) {
                entries.clear();
                utgava = nu;
            } else if (nu == utgava) {
                V cached = entries.get(key);
                if (cached != null) {
                    return cached;
                }
            }
        }
        V value = bygg.get();
        synchronized (this) {
            if (nu == utgava && value != null) {
                entries.put(key, value);
            }
        }
        return value;
    }

    public synchronized int storlek() {
        return entries.size();
    }
}
