package se.finsam.planering.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log's hash chain. Each row has a random salt, {@code innehall} = SHA-256 over the salt and the row's
 * content, and {@code kedja} = SHA-256 over the previous row's {@code kedja} and this row's {@code innehall} (the
 * first row with a chain starts from 32 zero bytes). Changing, removing, inserting or reordering a row changes
 * every {@code kedja} after it; so does blanking a row outside a gallring run, which the check holds against
 * the counts the run's own rows state.
 *
 * <p>Rows are chained in id order, so they are written under the audit log's lock, one writer at a time.
 */
public final class Loggkedja {

    /** What a gallring run writes per participant it clears: the rows it cleared per table (no personal data). */
    static final String GALLRING_PREFIX = "gallring körning ";
    private static final Pattern GALLRING_RAD = Pattern.compile("^gallring körning (\\d+): rensade rader (\\{.*})$");

    private static final byte[] START = new byte[32];
    /** PostgreSQL's advisory lock that writers of the chain take (any number, the same for every server). */
    static final long KEDJANS_LAS = 0x46494e53414d4b31L;
    private static final SecureRandom SLUMP = new SecureRandom();

    /** One row to write: its content as stored. */
    record NyRad(String tid, Long anvandareId, String handling, Long deltagareId, String vad, String adress,
                 int antal) {
    }

    /**
     * The result of a check. {@code brott} is the id of the first row where the chain breaks (null when whole),
     * {@code orsak} says how; {@code rader} rows were checked and {@code utanKedja} older rows were written before
     * the log had a chain. {@code senaste} is the last row's id and chain value (hex), to note down elsewhere.
     */
    public record Resultat(long rader, long utanKedja, Long brott, String orsak, Long senasteId, String senaste) {
        public boolean hel() {
            return brott == null && orsak == null;
        }

        /** One line for a log or a console. */
        public String text() {
            if (hel()) {
                return "Granskningsloggens kedja är hel: " + rader + " rader kontrollerade"
                        + (utanKedja > 0 ? ", " + utanKedja + " äldre rader utan kedja" : "")
                        + (senasteId == null ? "" : "; senaste rad " + senasteId + ":" + senaste);
            }
            return "Granskningsloggens kedja är bruten" + (brott == null ? "" : " vid rad " + brott) + ": " + orsak;
        }
    }

    private Loggkedja() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] salt() {
        byte[] salt = new byte[16];
        SLUMP.nextBytes(salt);
        return salt;
    }

    /** SHA-256 over the salt and each field, every field written with its length (or as absent). */
    static byte[] innehall(MessageDigest sha, byte[] salt, String tid, Long anvandareId, String handling,
                           Long deltagareId, String vad, String adress, long antal) {
        sha.reset();
        sha.update(salt);
        for (String falt : new String[] {tid, anvandareId == null ? null : anvandareId.toString(), handling,
                deltagareId == null ? null : deltagareId.toString(), vad, adress, Long.toString(antal)}) {
            if (falt == null) {
                sha.update((byte) 0);
            } else {
                byte[] b = falt.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) 1);
                sha.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
                        (byte) b.length});
                sha.update(b);
            }
        }
        return sha.digest();
    }

    static byte[] kedja(MessageDigest sha, byte[] foregaende, byte[] innehall) {
        sha.reset();
        sha.update(foregaende);
        sha.update(innehall);
        return sha.digest();
    }

    /**
     * Writes rows at the end of the chain, on a connection inside a write transaction (so nobody else writes
     * between reading the last link and adding the next). The caller holds the audit log's lock.
     */
    static void skrivIn(Connection c, List<NyRad> rader) throws SQLException {
        if (rader.isEmpty()) {
            return;
        }
        if (se.finsam.planering.db.Motor.av(c) == se.finsam.planering.db.Motor.POSTGRESQL) {
            // Several servers may share a PostgreSQL database, and each holds only its own lock: the chain's end
            // is read and extended under a transaction-level advisory lock, so the rows join it one writer at a
            // time, in id order.
            try (var las = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                las.setLong(1, KEDJANS_LAS);
                las.execute();
            }
        }
        byte[] foregaende = START;
        try (var fraga = c.prepareStatement("SELECT kedja FROM audit_log ORDER BY id DESC LIMIT 1");
             ResultSet rs = fraga.executeQuery()) {
            if (rs.next() && rs.getBytes(1) != null) {
                foregaende = rs.getBytes(1);
            }
        }
        MessageDigest sha = sha256();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (tid, anvandare_id, handling,"
                + " deltagare_id, vad, adress, antal, salt, innehall, kedja) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (NyRad r : rader) {
                byte[] salt = salt();
                byte[] innehall = innehall(sha, salt, r.tid(), r.anvandareId(), r.handling(), r.deltagareId(), r.vad(),
                        r.adress(), r.antal());
                byte[] kedja = kedja(sha, foregaende, innehall);
                insert.setString(1, r.tid());
                insert.setObject(2, r.anvandareId());
                insert.setString(3, r.handling());
                insert.setObject(4, r.deltagareId());
                insert.setString(5, r.vad());
                insert.setString(6, r.adress());
                insert.setInt(7, r.antal());
                insert.setBytes(8, salt);
                insert.setBytes(9, innehall);
                insert.setBytes(10, kedja);
                insert.addBatch();
                foregaende = kedja;
            }
            insert.executeBatch();
        }
    }

    /**
     * Recomputes the chain from the first row and returns the first row where it breaks: a row whose content
     * does not give its {@code innehall}, whose {@code kedja} does not follow from the row before, a row without
     * a chain after rows with one, or rows blanked by gallring that the runs' own rows do not account for.
     */
    public static Resultat kontrollera(Connection c) throws SQLException {
        return kontrollera(c, Map.of());
    }

    /**
     * As {@link #kontrollera(Connection)}, and each anchor (a row id and the chain value noted down for it
     * earlier, outside the database) must still be there with that value: someone who rewrote the log and
     * computed the chain anew from the changed row on is caught at the first anchor after the change.
     */
    public static Resultat kontrollera(Connection c, Map<Long, byte[]> ankare) throws SQLException {
        MessageDigest sha = sha256();
        byte[] foregaende = null;
        long rader = 0;
        long utanKedja = 0;
        Long senasteId = null;
        Map<Long, Long> gallradePerKorning = new TreeMap<>();
        Map<Long, Long> forstaGallrade = new TreeMap<>();
        Map<Long, Long> angivnaPerKorning = new TreeMap<>();
        ObjectMapper json = null;
        try (var fraga = c.prepareStatement("""
                SELECT id, tid, anvandare_id, handling, deltagare_id, vad, adress, antal, salt, innehall, kedja, gallrad
                FROM audit_log ORDER BY id""")) {
            fraga.setFetchSize(1000);
            try (ResultSet rs = fraga.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    byte[] kedja = rs.getBytes(11);
                    byte[] innehall = rs.getBytes(10);
                    if (kedja == null) {
                        if (foregaende != null) {
                            return new Resultat(rader, utanKedja, id, "raden saknar kedja", null, null);
                        }
                        utanKedja++;
                        continue;
                    }
                    if (foregaende == null) {
                        foregaende = START;
                    }
                    if (innehall == null) {
                        return new Resultat(rader, utanKedja, id, "raden saknar innehållets hash", null, null);
                    }
                    long gallrad = rs.getLong(12);
                    boolean arGallrad = !rs.wasNull();
                    if (arGallrad) {
                        gallradePerKorning.merge(gallrad, 1L, Long::sum);
                        forstaGallrade.putIfAbsent(gallrad, id);
                    } else {
                        byte[] salt = rs.getBytes(9);
                        long anvandare = rs.getLong(3);
                        Long anvandareId = rs.wasNull() ? null : anvandare;
                        long deltagare = rs.getLong(5);
                        Long deltagareId = rs.wasNull() ? null : deltagare;
                        byte[] raknat = salt == null ? null : innehall(sha, salt, rs.getString(2), anvandareId,
                                rs.getString(4), deltagareId, rs.getString(6), rs.getString(7), rs.getLong(8));
                        if (raknat == null || !MessageDigest.isEqual(raknat, innehall)) {
                            return new Resultat(rader, utanKedja, id, "radens innehåll har ändrats", null, null);
                        }
                        String vad = rs.getString(6);
                        if (anvandareId == null && deltagareId == null && "andra".equals(rs.getString(4))
                                && vad != null && vad.startsWith(GALLRING_PREFIX)) {
                            Matcher m = GALLRING_RAD.matcher(vad);
                            if (m.matches()) {
                                if (json == null) {
                                    json = new ObjectMapper();
                                }
                                try {
                                    JsonNode antal = json.readTree(m.group(2)).get("audit_log");
                                    angivnaPerKorning.merge(Long.parseLong(m.group(1)),
                                            antal == null ? 0L : antal.asLong(), Long::sum);
                                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                                    return new Resultat(rader, utanKedja, id, "gallringsraden går inte att läsa",
                                            null, null);
                                }
                            }
                        }
                    }
                    if (!MessageDigest.isEqual(kedja(sha, foregaende, innehall), kedja)) {
                        return new Resultat(rader, utanKedja, id, "kedjan följer inte från raden före", null, null);
                    }
                    byte[] noterad = ankare.get(id);
                    if (noterad != null && !MessageDigest.isEqual(noterad, kedja)) {
                        return new Resultat(rader, utanKedja, id, "raden har inte det värde som noterades för den"
                                + " (kedjan är räknad på nytt)", null, null);
                    }
                    foregaende = kedja;
                    senasteId = id;
                    rader++;
                }
            }
        }
        for (long id : ankare.keySet()) {
            if (senasteId == null || id > senasteId || !finns(c, id)) {
                return new Resultat(rader, utanKedja, id, "raden som noterades finns inte längre", null, null);
            }
        }
        for (var e : gallradePerKorning.entrySet()) {
            long angivna = angivnaPerKorning.getOrDefault(e.getKey(), 0L);
            if (angivna != e.getValue()) {
                return new Resultat(rader, utanKedja, forstaGallrade.get(e.getKey()), e.getValue()
                        + " rader är rensade i gallringskörning " + e.getKey() + ", men körningen anger " + angivna,
                        null, null);
            }
        }
        return new Resultat(rader, utanKedja, null, null, senasteId,
                foregaende == null ? null : HexFormat.of().formatHex(foregaende));
    }

    private static boolean finns(Connection c, long id) throws SQLException {
        try (var fraga = c.prepareStatement("SELECT 1 FROM audit_log WHERE id = ? AND kedja IS NOT NULL")) {
            fraga.setLong(1, id);
            try (ResultSet rs = fraga.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The last row of the chain as "id:hex", to note down outside the database; null while there is none. */
    public static String slut(Connection c) throws SQLException {
        try (var fraga = c.prepareStatement(
                "SELECT id, kedja FROM audit_log WHERE kedja IS NOT NULL ORDER BY id DESC LIMIT 1");
             ResultSet rs = fraga.executeQuery()) {
            return rs.next() ? rs.getLong(1) + ":" + HexFormat.of().formatHex(rs.getBytes(2)) : null;
        }
    }
}
