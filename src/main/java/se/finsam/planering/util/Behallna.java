package se.finsam.planering.util;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values made once and kept by key, for values that never change for their key (a date's words in a language,
 * a cookie's CSRF token). At most {@code max} are kept; when full, all are let go and made again as they are
 * asked for, so the memory stays bounded whatever keys arrive. Thread-safe; two threads asking for a missing
 * key at once may both make it, and either value is right.
 */
public final class Behallna<K, V> {

    private final int max;
    private final ConcurrentHashMap<K, V> varden = new ConcurrentHashMap<>();

    public Behallna(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** The value for {@code nyckel}, made with {@code gor} when it is not kept. */
    public V hamta(K nyckel, Function<? super K, ? extends V> gor) {
        V varde = varden.get(nyckel);
        if (varde == null) {
            varde = gor.apply(nyckel);
            if (varden.size() >= max) {
                varden.clear();
            }
            varden.put(nyckel, varde);
        }
        return varde;
    }

    /** How many are kept now. */
    public int storlek() {
        return varden.size();
    }
}
