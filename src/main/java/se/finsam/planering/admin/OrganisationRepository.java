package se.finsam.planering.admin;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The authorities and units teams work with, as the administrator keeps them. Never deleted, only deactivated. */
public final class OrganisationRepository {

    /** The types an organisation can have; socialtjänst and jobbtorg are the kommun's. */
    public static final List<String> TYPER = List.of("af", "fk", "region", "socialtjanst", "jobbtorg", "annan");

    /** What the administrator writes about an organisation. */
    public record Uppgifter(String namn, String typ, String enhetstyp, String telefon, String telefontider,
                            String epost, String kanHjalpaMed, String kanHjalpaMedEn, String kanHjalpaMedAr) {

        /** The telephone hours read as days and times (stored beside the text, for each reader's language). */
        public se.finsam.planering.kontakt.Telefontid telefontid() {
            return se.finsam.planering.kontakt.Telefontid.tolka(telefontider).orElse(null);
        }

        public Integer telefontidDagar() {
            return telefontid() == null ? null : telefontid().dagar();
        }

        public String telefontidFran() {
            return telefontid() == null ? null : telefontid().fran().toString();
        }

        public String telefontidTill() {
            return telefontid() == null ? null : telefontid().till().toString();
        }
    }

    public record Organisation(long id, String kod, boolean aktiv, int personal, int team, Uppgifter uppgifter) {
        public String namn() {
            return uppgifter.namn();
        }
    }

    private final Jdbi jdbi;

    public OrganisationRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static final String SELECT = """
            SELECT o.id, o.kod, o.aktiv, o.namn, o.typ, o.enhetstyp, o.telefon, o.telefontider, o.epost,
                   o.kan_hjalpa_med, o.kan_hjalpa_med_en, o.kan_hjalpa_med_ar,
                   (SELECT count(*) FROM anvandare a WHERE a.organisation_id = o.id AND a.roll <> 'deltagare') AS personal,
                   (SELECT count(*) FROM team_organisation t WHERE t.organisation_id = o.id) AS team
            FROM organisation o""";

    private static Organisation map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Organisation(rs.getLong("id"), rs.getString("kod"), rs.getInt("aktiv") == 1, rs.getInt("personal"),
                rs.getInt("team"), new Uppgifter(rs.getString("namn"), rs.getString("typ"), rs.getString("enhetstyp"),
                rs.getString("telefon"), rs.getString("telefontider"), rs.getString("epost"),
                rs.getString("kan_hjalpa_med"), rs.getString("kan_hjalpa_med_en"), rs.getString("kan_hjalpa_med_ar")));
    }

    /** Every organisation, active ones first, by name. */
    public List<Organisation> alla() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY o.aktiv DESC, o.namn")
                .map((rs, c) -> map(rs)).list());
    }

    public Optional<Organisation> hamta(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE o.id = :id").bind("id", id)
                .map((rs, c) -> map(rs)).findOne());
    }

    /** Whether another organisation already has this name (case does not matter). */
    public boolean namnUpptaget(String namn, Long utom) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM organisation WHERE lower(namn) = lower(:n) AND id <> :utom""")
                .bind("n", namn).bind("utom", utom == null ? -1L : utom).mapTo(Integer.class).one() > 0);
    }

    public long skapa(Uppgifter u) {
        return jdbi.inTransaction(h -> {
            String kod = ledigKod(h, u.namn());
            return h.createUpdate("""
                            INSERT INTO organisation (kod, typ, namn, enhetstyp, telefon, telefontider, epost,
                                                      kan_hjalpa_med, kan_hjalpa_med_en, kan_hjalpa_med_ar,
                                                      telefontid_dagar, telefontid_fran, telefontid_till)
                            VALUES (:kod, :typ, :namn, :enhetstyp, :telefon, :telefontider, :epost,
                                    :kanHjalpaMed, :kanHjalpaMedEn, :kanHjalpaMedAr,
                                    :telefontidDagar, :telefontidFran, :telefontidTill)""")
                    .bind("kod", kod).bindMethods(u).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    public void andra(long id, Uppgifter u) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE organisation SET typ = :typ, namn = :namn, enhetstyp = :enhetstyp, telefon = :telefon,
                               telefontider = :telefontider, epost = :epost, kan_hjalpa_med = :kanHjalpaMed,
                               kan_hjalpa_med_en = :kanHjalpaMedEn, kan_hjalpa_med_ar = :kanHjalpaMedAr,
                               telefontid_dagar = :telefontidDagar, telefontid_fran = :telefontidFran,
                               telefontid_till = :telefontidTill
                        WHERE id = :id""")
                .bind("id", id).bindMethods(u).execute());
    }

    public void satAktiv(long id, boolean aktiv) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE organisation SET aktiv = :a WHERE id = :id")
                .bind("a", aktiv ? 1 : 0).bind("id", id).execute());
    }

    /** A short code made from the name (ASCII letters and digits), numbered when it is taken. */
    private static String ledigKod(Handle h, String namn) {
        String bas = Normalizer.normalize(namn, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (bas.isEmpty()) {
            bas = "organisation";
        }
        if (bas.length() > 40) {
            bas = bas.substring(0, 40);
        }
        String kod = bas;
        for (int n = 2; h.createQuery("SELECT count(*) FROM organisation WHERE kod = :k").bind("k", kod)
                .mapTo(Integer.class).one() > 0; n++) {
            kod = bas + "-" + n;
        }
        return kod;
    }
}
