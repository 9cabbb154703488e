package se.finsam.planering.demo;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes the rows of {@link Rader} with one prepared batch per table. The insert statement is
 * derived once per record type from its components.
 *
 * <p>Tables are flushed in the order their first row was added. A child row is always added after
 * its parent, so that order has every parent table before its children and the foreign keys hold
 * at each flush.
 */
final class Radskrivare {

    private static final int FLUSH_AT = 5_000;

    private final Handle handle;
    private final Map<Class<?>, Tabell> tabeller = new LinkedHashMap<>();
    private final Map<Class<?>, Long> senasteId = new HashMap<>();
    private int pending;

    Radskrivare(Handle handle) {
        this.handle = handle;
    }

    /** The next id of the table; ids are given out here so that children can point at unwritten rows. */
    long nyttId(Class<? extends Record> typ) {
        Long senaste = senasteId.get(typ);
        if (senaste == null) {
            senaste = handle.createQuery("SELECT coalesce(max(id), 0) FROM " + snake(typ.getSimpleName()))
                    .mapTo(Long.class).one();
        }
        senasteId.put(typ, senaste + 1);
        return senaste + 1;
    }

    void add(Record rad) {
        tabeller.computeIfAbsent(rad.getClass(), Tabell::new).add(rad);
        if (++pending >= FLUSH_AT) {
            flush();
        }
    }

    /** Writes what is waiting in one transaction (part of the caller's, when it has one). */
    void flush() {
        handle.useTransaction(h -> {
            for (Tabell tabell : tabeller.values()) {
                tabell.flush(h);
            }
        });
        pending = 0;
    }

    /** "TeamHjalpkontakt" and "kanHjalpaMed" become "team_hjalpkontakt" and "kan_hjalpa_med". */
    static String snake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final class Tabell {
        private final String sql;
        private final MethodHandle[] kolumner;
        private final List<Object[]> rader = new ArrayList<>();

        Tabell(Class<?> typ) {
            RecordComponent[] components = typ.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(typ + " is not a record");
            }
            List<String> namn = new ArrayList<>();
            kolumner = new MethodHandle[components.length];
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            for (int i = 0; i < components.length; i++) {
                namn.add(snake(components[i].getName()));
                try {
                    kolumner[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            sql = "INSERT INTO " + snake(typ.getSimpleName()) + " (" + String.join(", ", namn) + ") VALUES ("
                    + "?, ".repeat(namn.size() - 1) + "?)";
        }

        void add(Record rad) {
            Object[] values = new Object[kolumner.length];
            for (int i = 0; i < kolumner.length; i++) {
                try {
                    values[i] = kolumner[i].invokeExact((Object) rad);
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }
            rader.add(values);
        }

        void flush(Handle handle) {
            if (rader.isEmpty()) {
                return;
            }
            try (PreparedBatch batch = handle.prepareBatch(sql)) {
                for (Object[] row : rader) {
                    batch.add(row);
                }
                batch.execute();
            }
            rader.clear();
        }
    }
}
