package se.finsam.planering.util;

import java.util.function.Supplier;

/**
 * A value made the first time it is asked for, then kept: for what start-up should not pay for (a JSON
 * mapper loads some five hundred classes) but a request may need. Thread-safe; made at most once.
 */
public final class Senare<T> implements Supplier<T> {

    private final Supplier<T> gor;
    private volatile T varde;

    private Senare(Supplier<T> gor) {
        this.gor = gor;
    }

    public static <T> Senare<T> av(Supplier<T> gor) {
        return new Senare<>(gor);
    }

    @Override
    public T get() {
        T v = varde;
        if (v == null) {
            synchronized (this) {
                v = varde;
                if (v == null) {
                    v = gor.get();
                    varde = v;
                }
            }
        }
        return v;
    }
}
