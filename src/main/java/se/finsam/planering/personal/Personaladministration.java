package se.finsam.planering.personal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.finsam.planering.auth.Inloggningsbroms;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.auth.Sessioner;

/**
 * The administrator's changes to staff accounts and the rules they follow: the last active administrator stays,
 * user names and e-mail addresses are never used twice, and every change is written to {@code konto_andring}.
 */
public final class Personaladministration {

    /** A created account and its invitation link's token. */
    public record Skapad(long id, String namn, String epost, String anvandarnamn, String token) {
    }

    /** A new account: made, or what is wrong. */
    public record Skapande(Optional<Skapad> skapad, List<PersonalRegler.Brott> brott) {
    }

    public enum Status { NY, FINNS, FEL }

    /** One row of an import as the preview shows it. */
    public record ImportRad(int rad, String namn, String epost, Status status, List<PersonalRegler.Brott> brott) {
    }

    /** The import: saved (with the created accounts) only when every row is valid. */
    public record Import(List<ImportRad> rader, List<Skapad> skapade, boolean sparad) {
        public boolean utanFel() {
            return rader.stream().noneMatch(r -> r.status() == Status.FEL);
        }

        public long antal(Status status) {
            return rader.stream().filter(r -> r.status() == status).count();
        }

        /** The rows with errors the preview lists: the first {@link #MAX_FELRADER}. */
        public List<ImportRad> forstaFel() {
            return rader.stream().filter(r -> r.status() == Status.FEL).limit(MAX_FELRADER).toList();
        }

        /** How many rows with errors are past the ones listed. */
        public long flerFel() {
            return Math.max(0, antal(Status.FEL) - MAX_FELRADER);
        }
    }

    /** The most rows whose errors the import's preview lists. */
    public static final int MAX_FELRADER = 100;

    private final PersonalRepository repo;
    private final Inbjudningar inbjudningar;
    private final Sessioner sessions;
    private final Inloggningsbroms throttle;
    private final Clock clock;

    public Personaladministration(PersonalRepository repo, Inbjudningar inbjudningar, Sessioner sessions,
                                  Inloggningsbroms throttle, Clock clock) {
        this.repo = repo;
        this.inbjudningar = inbjudningar;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
    }

    public PersonalRegler regler(boolean medId) {
        return new PersonalRegler(repo.organisationer(), repo.team(), medId);
    }

    /** Creates one account with its invitation. */
    public Skapande skapa(long admin, PersonalRegler.Uppgifter uppgifter) {
        PersonalRegler.Utfall utfall = regler(true).kontrollera(uppgifter);
        if (!utfall.ok()) {
            return new Skapande(Optional.empty(), utfall.brott());
        }
        PersonalRepository.NyPerson p = utfall.person().orElseThrow();
        return repo.jdbi().inTransaction(h -> {
            List<PersonalRegler.Brott> brott = upptaget(p);
            if (!brott.isEmpty()) {
                return new Skapande(Optional.empty(), brott);
            }
            return new Skapande(Optional.of(skapaI(h, admin, p)), List.of());
        });
    }

    private Skapad skapaI(org.jdbi.v3.core.Handle h, long admin, PersonalRepository.NyPerson p) {
        Instant nu = clock.instant();
        long id = PersonalRepository.skapa(h, p, nu);
        PersonalRepository.logga(h, admin, id, "skapad som " + p.roll().dbValue() + ", organisation "
                + p.organisationId() + ", team " + p.teamIds() + "; inbjudan skapad", nu);
        String token = inbjudningar.skapa(h, id, admin);
        return new Skapad(id, p.namn(), p.epost(), p.anvandarnamn(), token);
    }

    /** The user name or e-mail address someone already has. */
    private List<PersonalRegler.Brott> upptaget(PersonalRepository.NyPerson p) {
        List<PersonalRegler.Brott> brott = new ArrayList<>();
        if (repo.medAnvandarnamn(p.anvandarnamn()).isPresent()) {
            brott.add(new PersonalRegler.Brott("anvandarnamn", "personal.fel.anvandarnamn.finns",
                    List.of(p.anvandarnamn())));
        }
        if (repo.medEpost(p.epost()).isPresent()) {
            brott.add(new PersonalRegler.Brott("epost", "personal.fel.epost.finns", List.of(p.epost())));
        }
        return brott;
    }

    /** Changes role, organisation and teams; refused (with a message key) for the last active administrator. */
    public Optional<PersonalRegler.Brott> andra(long admin, long id, String roll, String organisation,
                                               List<String> team) {
        PersonalRepository.Person person = repo.hitta(id).orElseThrow();
        PersonalRegler.Utfall utfall = regler(true).kontrollera(new PersonalRegler.Uppgifter(person.anvandarnamn(),
                person.namn(), person.epost() == null ? "ingen@epost.invalid" : person.epost(), null, roll,
                organisation, team));
        Optional<PersonalRegler.Brott> fel = utfall.brott().stream()
                .filter(b -> List.of("roll", "organisation", "team").contains(b.falt())).findFirst();
        if (fel.isPresent()) {
            return fel;
        }
        PersonalRepository.NyPerson ny = utfall.person().orElseThrow();
        boolean loggasUt = kraverNyInloggning(person.roll(), ny.roll());
        Optional<PersonalRegler.Brott> resultat = repo.jdbi().inTransaction(h -> {
            if (person.roll() == Roll.ADMIN && ny.roll() != Roll.ADMIN && person.aktiv()
                    && PersonalRepository.andraAktivaAdministratorer(h, id) == 0) {
                return Optional.of(new PersonalRegler.Brott("roll", "personal.fel.sistaadmin", List.of()));
            }
            PersonalRepository.andra(h, id, ny.roll(), ny.organisationId(), ny.teamIds());
            PersonalRepository.logga(h, admin, id, "roll " + person.roll().dbValue() + " → " + ny.roll().dbValue()
                    + ", organisation " + person.organisationId() + " → " + ny.organisationId() + ", team "
                    + person.teamIds() + " → " + ny.teamIds()
                    + (loggasUt ? "; utloggad överallt (rollen kräver andra faktor)" : ""), clock.instant());
            return Optional.<PersonalRegler.Brott>empty();
        });
        if (resultat.isEmpty() && loggasUt) {
            // Her open sessions were started for a role without a second factor: they end, and her next login
            // asks for one (enrolled then if she has none).
            sessions.deleteAllFor(id);
        }
        return resultat;
    }

    /**
     * A new role that needs a second factor, from one that did not: the account's sessions end, since none of them
     * passed one. (The role is read afresh on every request, so an open session would otherwise get it at once.)
     */
    public static boolean kraverNyInloggning(Roll fore, Roll efter) {
        return fore != efter && se.finsam.planering.inloggning.NyckelRoutes.kravsAndraFaktor(efter)
                && !se.finsam.planering.inloggning.NyckelRoutes.kravsAndraFaktor(fore);
    }

    /**
     * Deactivates the account: its sessions and unused invitations end at once; its history stays. Refused for the
     * last active administrator.
     */
    public Optional<String> inaktivera(long admin, long id) {
        Optional<String> fel = repo.jdbi().inTransaction(h -> {
            PersonalRepository.Person person = repo.hitta(id).orElseThrow();
            if (!person.aktiv()) {
                return Optional.of("personal.fel.redaninaktiv");
            }
            if (person.roll() == Roll.ADMIN && PersonalRepository.andraAktivaAdministratorer(h, id) == 0) {
                return Optional.of("personal.fel.sistaadmin");
            }
            Instant nu = clock.instant();
            PersonalRepository.sattAktiv(h, id, false);
            Inbjudningar.avslutaFor(h, id, nu);
            PersonalRepository.logga(h, admin, id, "inaktiverad", nu);
            return Optional.<String>empty();
        });
        if (fel.isEmpty()) {
            sessions.deleteAllFor(id);
        }
        return fel;
    }

    public void aktivera(long admin, long id) {
        repo.jdbi().useTransaction(h -> {
            PersonalRepository.sattAktiv(h, id, true);
            PersonalRepository.logga(h, admin, id, "aktiverad igen", clock.instant());
        });
    }

    /** A new invitation link (to set a new password); every older link dies. */
    public Optional<String> nyInbjudan(long admin, long id) {
        return repo.jdbi().inTransaction(h -> {
            PersonalRepository.Person person = repo.hitta(id).orElseThrow();
            if (!person.aktiv()) {
                return Optional.empty();
            }
            PersonalRepository.logga(h, admin, id, "ny inbjudningslänk (äldre länkar gäller inte längre)",
                    clock.instant());
            return Optional.of(inbjudningar.skapa(h, id, admin));
        });
    }

    /** Whether the account is locked after wrong passwords, and for how long. */
    public Optional<java.time.Duration> last(PersonalRepository.Person person) {
        if (person.anvandarnamn() == null) {
            return Optional.empty();
        }
        return throttle.lockedFor(Inloggningsbroms.kontoNyckel(Inloggningsbroms.Regel.PERSONAL, person.anvandarnamn()));
    }

    public void lasUpp(long admin, long id) {
        PersonalRepository.Person person = repo.hitta(id).orElseThrow();
        if (person.anvandarnamn() != null) {
            throttle.reset(Inloggningsbroms.kontoNyckel(Inloggningsbroms.Regel.PERSONAL, person.anvandarnamn()));
        }
        repo.jdbi().useHandle(h -> PersonalRepository.logga(h, admin, id, "upplåst efter felaktiga inloggningar",
                clock.instant()));
    }

    /** Checks every row: new, already there (the same e-mail address: left as it is), or wrong and why. */
    public Import granska(List<PersonalImport.Rad> rader) {
        PersonalRegler regler = regler(false);
        List<ImportRad> granskade = new ArrayList<>();
        Map<String, Integer> epostRad = new HashMap<>();
        Map<String, Integer> namnRad = new HashMap<>();
        for (PersonalImport.Rad rad : rader) {
            PersonalRegler.Utfall utfall = regler.kontrollera(rad.uppgifter());
            List<PersonalRegler.Brott> brott = new ArrayList<>(utfall.brott());
            String epost = rad.uppgifter().epost() == null ? "" : rad.uppgifter().epost().strip();
            Status status = Status.FEL;
            if (utfall.ok()) {
                PersonalRepository.NyPerson p = utfall.person().orElseThrow();
                Integer tidigare = epostRad.putIfAbsent(p.epost(), rad.rad());
                Integer tidigareNamn = namnRad.putIfAbsent(p.anvandarnamn().toLowerCase(Locale.ROOT), rad.rad());
                if (tidigare != null) {
                    brott.add(new PersonalRegler.Brott("epost", "import.fel.epost.igen", List.of(tidigare)));
                } else if (repo.medEpost(p.epost()).isPresent()) {
                    status = Status.FINNS;
                } else if (tidigareNamn != null) {
                    brott.add(new PersonalRegler.Brott("anvandarnamn", "import.fel.anvandarnamn.igen",
                            List.of(tidigareNamn)));
                } else if (repo.medAnvandarnamn(p.anvandarnamn()).isPresent()) {
                    brott.add(new PersonalRegler.Brott("anvandarnamn", "personal.fel.anvandarnamn.finns",
                            List.of(p.anvandarnamn())));
                } else {
                    status = Status.NY;
                }
                epost = p.epost();
            }
            granskade.add(new ImportRad(rad.rad(), PersonalRegler.trim(rad.uppgifter().namn()), epost,
                    brott.isEmpty() ? status : Status.FEL, List.copyOf(brott)));
        }
        return new Import(List.copyOf(granskade), List.of(), false);
    }

    /**
     * Saves the import when every row is valid, all in one transaction: each new person gets an account and an
     * invitation; people already there are left as they are. With any invalid row nothing is saved.
     */
    public Import importera(long admin, List<PersonalImport.Rad> rader) {
        return repo.jdbi().inTransaction(h -> {
            Import granskad = granska(rader);
            if (!granskad.utanFel()) {
                return granskad;
            }
            PersonalRegler regler = regler(false);
            List<Skapad> skapade = new ArrayList<>();
            for (int i = 0; i < rader.size(); i++) {
                if (granskad.rader().get(i).status() == Status.NY) {
                    skapade.add(skapaI(h, admin, regler.kontrollera(rader.get(i).uppgifter()).person().orElseThrow()));
                }
            }
            return new Import(granskad.rader(), List.copyOf(skapade), true);
        });
    }
}
