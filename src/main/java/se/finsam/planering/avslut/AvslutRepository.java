package se.finsam.planering.avslut;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.uppfoljning.UppfoljningRoutes.Val;

/** The closure of a participant's case: recorded once, with who takes over. */
public final class AvslutRepository {

    /** What the koordinator records at closure; {@code fortsattningOrganisationId} may be missing. */
    public record NyttAvslut(long deltagareId, LocalDate datum, String orsak, String forsorjning,
                             String sysselsattning, String stegMotArbete,
                             Long fortsattningOrganisationId, String fortsattningAnsvarig, String nastaSteg,
                             boolean ingenFortsattning) {
    }

    private final Jdbi jdbi;

    public AvslutRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(Val.class));
    }

    /** The organisations that can take over, as choices. */
    public List<Val> organisationer() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id AS varde, namn FROM organisation WHERE aktiv = 1 ORDER BY namn")
                .mapTo(Val.class).list());
    }

    public boolean organisationFinns(long organisationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM organisation WHERE id = :o")
                .bind("o", organisationId).mapTo(Integer.class).one()) > 0;
    }

    /** Stores the closure; false when the participant's case was already closed. */
    public boolean spara(NyttAvslut a, long anvandareId, Instant nu) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, sysselsattning, steg_mot_arbete,
                                            fortsattning_organisation_id, fortsattning_ansvarig, nasta_steg,
                                            ingen_fortsattning, registrerad, registrerad_av)
                        VALUES (:deltagareId, :datum, :orsak, :forsorjning, :sysselsattning, :stegMotArbete,
                                :fortsattningOrganisationId,
                                :fortsattningAnsvarig, :nastaSteg, :ingenFortsattning, :nu, :av)
                        ON CONFLICT (deltagare_id) DO NOTHING""")
                .bindMethods(a).bind("nu", nu).bind("av", anvandareId).execute()) > 0;
    }
}
