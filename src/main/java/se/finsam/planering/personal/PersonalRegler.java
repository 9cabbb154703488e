package se.finsam.planering.personal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import se.finsam.planering.atkomst.Roll;

/**
 * The rules a staff account's details must follow, the same for the form and for each row of an import. Fields
 * arrive as typed; organisation and teams may be named by id (the form) or by code or name (a spreadsheet).
 */
public final class PersonalRegler {

    /** One broken rule: the field, the message key and its arguments. */
    public record Brott(String falt, String nyckel, List<Object> argument) {
        /** A broken rule; a quoted value longer than 60 characters is cut and ends with "…". */
        static Brott av(String falt, String nyckel, Object... argument) {
            Object[] a = argument.clone();
            for (int i = 0; i < a.length; i++) {
                a[i] = se.finsam.planering.web.Kalkylblad.citat(a[i]);
            }
            return new Brott(falt, nyckel, List.of(a));
        }
    }

    /** The outcome: a person ready to save, or what is wrong. */
    public record Utfall(Optional<PersonalRepository.NyPerson> person, List<Brott> brott) {
        public boolean ok() {
            return brott.isEmpty();
        }
    }

    /** The details as typed. */
    public record Uppgifter(String anvandarnamn, String namn, String epost, String telefon, String roll,
                            String organisation, List<String> team) {
    }

    static final int MAX_NAMN = 100;
    static final int MAX_EPOST = 254;
    private static final Pattern EPOST = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    private static final Pattern ANVANDARNAMN = Pattern.compile("[a-zA-Z0-9._@-]{3,100}");
    private static final Pattern TELEFON = Pattern.compile("[0-9 +()\\-]{5,40}");

    private final List<PersonalRepository.Val> organisationer;
    private final List<PersonalRepository.Val> team;
    private final boolean medId;

    /**
     * @param medId whether organisation and teams may be named by their id (the form's choice lists do); a
     *              spreadsheet names them by code or name only
     */
    public PersonalRegler(List<PersonalRepository.Val> organisationer, List<PersonalRepository.Val> team,
                          boolean medId) {
        this.organisationer = organisationer;
        this.team = team;
        this.medId = medId;
    }

    /** Checks the details of a new account (that the user name and e-mail are free is checked by the caller). */
    public Utfall kontrollera(Uppgifter u) {
        List<Brott> brott = new ArrayList<>();
        String namn = trim(u.namn());
        if (namn.isEmpty() || namn.length() > MAX_NAMN || namn.chars().anyMatch(Character::isISOControl)) {
            brott.add(Brott.av("namn", "personal.fel.namn", MAX_NAMN));
        }
        String epost = trim(u.epost()).toLowerCase(Locale.ROOT);
        if (epost.length() > MAX_EPOST || !EPOST.matcher(epost).matches()) {
            brott.add(Brott.av("epost", "personal.fel.epost"));
        }
        String anvandarnamn = trim(u.anvandarnamn());
        if (anvandarnamn.isEmpty()) {
            anvandarnamn = epost;
        }
        if (!ANVANDARNAMN.matcher(anvandarnamn).matches()) {
            brott.add(Brott.av("anvandarnamn", "personal.fel.anvandarnamn"));
        }
        String telefon = trim(u.telefon());
        if (!telefon.isEmpty() && !TELEFON.matcher(telefon).matches()) {
            brott.add(Brott.av("telefon", "personal.fel.telefon"));
        }
        Roll roll = roll(u.roll());
        if (roll == null) {
            brott.add(Brott.av("roll", "personal.fel.roll"));
        }
        Long organisationId = null;
        String org = trim(u.organisation());
        if (!org.isEmpty()) {
            Optional<PersonalRepository.Val> hittad = hitta(organisationer, org);
            if (hittad.isEmpty()) {
                brott.add(Brott.av("organisation", "personal.fel.organisation.okand", org));
            } else {
                organisationId = hittad.get().id();
            }
        } else if (roll != null && PersonalRepository.arbetarITeam(roll)) {
            brott.add(Brott.av("organisation", "personal.fel.organisation"));
        }
        Set<Long> teamIds = new LinkedHashSet<>();
        for (String t : u.team()) {
            String typed = trim(t);
            if (typed.isEmpty()) {
                continue;
            }
            Optional<PersonalRepository.Val> hittad = hitta(team, typed);
            if (hittad.isEmpty()) {
                brott.add(Brott.av("team", "personal.fel.team.okant", typed));
            } else {
                teamIds.add(hittad.get().id());
            }
        }
        if (roll != null && PersonalRepository.arbetarITeam(roll) && teamIds.isEmpty()
                && brott.stream().noneMatch(b -> b.falt().equals("team"))) {
            brott.add(Brott.av("team", "personal.fel.team"));
        }
        if (roll != null && !PersonalRepository.arbetarITeam(roll) && !teamIds.isEmpty()) {
            brott.add(Brott.av("team", "personal.fel.team.roll"));
        }
        if (!brott.isEmpty()) {
            return new Utfall(Optional.empty(), brott);
        }
        return new Utfall(Optional.of(new PersonalRepository.NyPerson(anvandarnamn, namn, epost,
                telefon.isEmpty() ? null : telefon, roll, organisationId, List.copyOf(teamIds))), brott);
    }

    /** A role an administrator may give, by its database value or its name in any case; null if none. */
    public static Roll roll(String typed) {
        String value = trim(typed).toLowerCase(Locale.ROOT).replace('ä', 'a');
        for (Roll r : PersonalRepository.PERSONALROLLER) {
            if (r.dbValue().equals(value)) {
                return r;
            }
        }
        return null;
    }

    /** By id (from a form's choice list), then code, then name, without regard to case. */
    private Optional<PersonalRepository.Val> hitta(List<PersonalRepository.Val> val, String typed) {
        for (PersonalRepository.Val v : val) {
            if (medId && String.valueOf(v.id()).equals(typed)) {
                return Optional.of(v);
            }
        }
        for (PersonalRepository.Val v : val) {
            if (v.kod().equalsIgnoreCase(typed) || v.namn().equalsIgnoreCase(typed)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
