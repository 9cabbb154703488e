package se.finsam.planering;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.admin.AdminRoutes;
import se.finsam.planering.admin.HandelseRepository;
import se.finsam.planering.admin.OrganisationRepository;
import se.finsam.planering.admin.TeamRepository;
import se.finsam.planering.anmalan.AnmalanRepository;
import se.finsam.planering.anmalan.AnmalanRoutes;
import se.finsam.planering.auth.Enhetskaka;
import se.finsam.planering.auth.Nycklar;
import se.finsam.planering.auth.Totp;
import se.finsam.planering.avslut.AvslutRepository;
import se.finsam.planering.avslut.AvslutRoutes;
import se.finsam.planering.avslut.EfterkontrollRepository;
import se.finsam.planering.avslut.EfterkontrollRoutes;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.deltagare.SamtyckeRepository;
import se.finsam.planering.deltagarimport.DeltagarImportRepository;
import se.finsam.planering.deltagarimport.DeltagarImportRoutes;
import se.finsam.planering.enkat.EnkatRepository;
import se.finsam.planering.enkat.EnkatRoutes;
import se.finsam.planering.enkat.EnkatSvarRoutes;
import se.finsam.planering.fhir.FhirRepository;
import se.finsam.planering.fhir.FhirRoutes;
import se.finsam.planering.gallring.Gallring;
import se.finsam.planering.gallring.GallringRepository;
import se.finsam.planering.gallring.GallringRoutes;
import se.finsam.planering.hem.HemRepository;
import se.finsam.planering.hem.ArbetslistaRepository;
import se.finsam.planering.hem.Arbetslistor;
import se.finsam.planering.hem.HemRoutes;
import se.finsam.planering.hem.Idag;
import se.finsam.planering.inloggning.InloggningRoutes;
import se.finsam.planering.inloggning.NyckelRoutes;
import se.finsam.planering.kontakt.KontaktRepository;
import se.finsam.planering.konto.KontoRepository;
import se.finsam.planering.konto.KontoRoutes;
import se.finsam.planering.minauppgifter.MinaUppgifterRepository;
import se.finsam.planering.minauppgifter.MinaUppgifterRoutes;
import se.finsam.planering.minplanering.MinPlaneringRepository;
import se.finsam.planering.minplanering.MinPlaneringRoutes;
import se.finsam.planering.mote.MoteRepository;
import se.finsam.planering.mote.MoteRoutes;
import se.finsam.planering.overlamning.KontaktRoutes;
import se.finsam.planering.overlamning.OverlamningRepository;
import se.finsam.planering.overlamning.OverlamningRoutes;
import se.finsam.planering.personal.Inbjudningar;
import se.finsam.planering.personal.PersonalRepository;
import se.finsam.planering.personal.PersonalRoutes;
import se.finsam.planering.planering.DeltagareRoutes;
import se.finsam.planering.planering.MotelageRoutes;
import se.finsam.planering.planering.PlaneringEditorRepository;
import se.finsam.planering.planering.PlaneringRepository;
import se.finsam.planering.statistik.StatistikRepository;
import se.finsam.planering.statistik.StatistikRoutes;
import se.finsam.planering.uppfoljning.UppfoljningOversikt;
import se.finsam.planering.uppfoljning.UppfoljningRepository;
import se.finsam.planering.uppfoljning.UppfoljningRoutes;
import se.finsam.planering.utskick.Dagsantal;
import se.finsam.planering.utskick.Kanalinstallning;
import se.finsam.planering.utskick.Utskicket;

/**
 * Every feature's routes object, built from the shared services. Repositories that several features read are
 * made once here and handed to each; the route table in {@link App} says which route reaches which handler.
 */
record Funktioner(HemRoutes hem, InloggningRoutes auth, NyckelRoutes nyckel, KontoRoutes konto, PersonalRoutes personal,
                  MinPlaneringRoutes minPlanering, MinaUppgifterRoutes minaUppgifter, DeltagareRoutes deltagare,
                  UppfoljningRoutes uppfoljning, AvslutRoutes avslut, EfterkontrollRoutes efterkontroll,
                  FhirRoutes fhir, AnmalanRoutes anmalan, MoteRoutes moten, MotelageRoutes motelage,
                  OverlamningRoutes overlamning, KontaktRoutes kontakter, AdminRoutes admin,
                  GallringRoutes gallring, Gallring gallringen, StatistikRoutes statistik,
                  DeltagarImportRoutes deltagarImport, Utskicket utskick, EnkatSvarRoutes enkatSvar,
                  EnkatRoutes enkat) {

    /** The hour (in the clock's time zone) the daily gallring runs: at night, when nobody works. */
    static final int GALLRING_TIMME = 2;

    static Funktioner bygg(Tjanster t) {
        return bygg(t, Kanalinstallning.ingen());
    }

    /** The channels a server with these settings sends on. */
    private static java.util.Set<se.finsam.planering.utskick.Kanal> kanaler(Kanalinstallning kanaler) {
        java.util.Set<se.finsam.planering.utskick.Kanal> svar = java.util.EnumSet.noneOf(
                se.finsam.planering.utskick.Kanal.class);
        if (kanaler.smtp() != null) {
            svar.add(se.finsam.planering.utskick.Kanal.EPOST);
        }
        if (kanaler.smsUrl() != null) {
            svar.add(se.finsam.planering.utskick.Kanal.SMS);
        }
        return svar;
    }

    static Funktioner bygg(Tjanster t, Kanalinstallning kanaler) {
        Jdbi jdbi = t.jdbi();
        Clock clock = t.clock();
        String baseUrl = t.config().baseUrl();

        // Read by several features.
        DeltagareRepository deltagare = new DeltagareRepository(jdbi);
        PlaneringRepository planering = new PlaneringRepository(jdbi);
        AnmalanRepository anmalningar = new AnmalanRepository(jdbi);
        KontaktRepository kontakter = new KontaktRepository(jdbi);
        MoteRepository moten = new MoteRepository(jdbi);
        OverlamningRepository overlamningar = new OverlamningRepository(jdbi, kontakter, clock);
        UppfoljningRepository uppfoljningar = new UppfoljningRepository(jdbi);
        UppfoljningOversikt uppfoljningOversikt = new UppfoljningOversikt(uppfoljningar, t.datautgava()::nu);
        SamtyckeRepository samtycke = new SamtyckeRepository(jdbi);
        StatistikRepository statistik = new StatistikRepository(jdbi);
        Nycklar nycklar = new Nycklar(jdbi, clock, baseUrl);
        Totp totp = new Totp(jdbi, clock);
        GallringRepository gallringar = new GallringRepository(jdbi);
        Gallring gallringen = new Gallring(gallringar, clock, GALLRING_TIMME);

        // Logging in, accounts and staff.
        InloggningRoutes auth = new InloggningRoutes(t.users(), t.sessions(), t.throttle(), t.hasher(), t.audit(), t.mallar(),
                t.web(), clock, new Enhetskaka(Tjanster.hemlighet(jdbi, "enhet")));
        NyckelRoutes nyckel = new NyckelRoutes(t.users(), t.sessions(), t.throttle(), nycklar, totp, t.audit(),
                t.mallar(), t.web(), auth, t.demo());
        KontoRoutes konto = new KontoRoutes(new KontoRepository(jdbi), t.sessions(), t.users(), nycklar, totp,
                t.audit(), t.mallar(), t.web(), clock);
        PersonalRoutes personal = new PersonalRoutes(new PersonalRepository(jdbi), new Inbjudningar(jdbi, clock),
                t.sessions(), t.throttle(), t.hasher(), t.audit(), t.mallar(), t.web(), clock, baseUrl);

        // The participant's own pages, and her answers to "Vad tycker du?".
        EnkatRepository enkater = new EnkatRepository(jdbi);
        MinPlaneringRoutes minPlanering = new MinPlaneringRoutes(new MinPlaneringRepository(jdbi), deltagare,
                planering, t.access(), t.mallar(), t.web(), clock, baseUrl, t.datautgava(), enkater::vantande);
        EnkatSvarRoutes enkatSvar = new EnkatSvarRoutes(enkater, t.access(), t.mallar(), t.web(), clock);
        MinaUppgifterRoutes minaUppgifter = new MinaUppgifterRoutes(
                new MinaUppgifterRepository(jdbi, samtycke, clock), samtycke, t.access(), t.mallar(), t.web(), clock);

        // Staff: start pages, a participant, follow-up, avslut and what comes after.
        Arbetslistor arbetslistor = new Arbetslistor(new ArbetslistaRepository(jdbi), uppfoljningOversikt, samtycke,
                moten, jdbi, clock, t.datautgava()::nu);
        HemRoutes hem = new HemRoutes(new HemRepository(jdbi), deltagare, t.access(), t.mallar(), t.web(), moten,
                overlamningar, t.datautgava()::nu, clock, samtycke, arbetslistor,
                new se.finsam.planering.hem.Paminnelser(jdbi, clock, kanaler(kanaler)));
        DeltagareRoutes deltagareRoutes = new DeltagareRoutes(deltagare, planering, t.mallar(), samtycke,
                anmalningar, overlamningar, clock);
        UppfoljningRoutes uppfoljning = new UppfoljningRoutes(moten, uppfoljningar, uppfoljningOversikt, deltagare,
                t.access(), t.mallar(), t.web(), clock, t.datautgava());
        AvslutRoutes avslut = new AvslutRoutes(new AvslutRepository(jdbi), deltagare, t.mallar(), t.web(), clock);
        EfterkontrollRoutes efterkontroll = new EfterkontrollRoutes(new EfterkontrollRepository(jdbi), deltagare, t.access(),
                t.mallar(), t.web(), clock);
        FhirRoutes fhir = new FhirRoutes(new FhirRepository(jdbi), t.web(), clock);

        // From anmälan to överlämning.
        AnmalanRoutes anmalan = new AnmalanRoutes(anmalningar, kontakter, t.access(), t.audit(), t.mallar(),
                t.web(), clock, deltagare);
        MoteRoutes moteRoutes = new MoteRoutes(moten, deltagare, kontakter, t.access(), t.mallar(), t.web(), clock,
                baseUrl, new se.finsam.planering.utskick.UtskickRepository(jdbi), kanaler(kanaler));
        MotelageRoutes motelage = new MotelageRoutes(anmalningar, deltagare, new PlaneringEditorRepository(jdbi),
                kontakter, moten, overlamningar, t.access(), t.mallar(), t.web(), clock);
        OverlamningRoutes overlamning = new OverlamningRoutes(overlamningar, t.web(), clock);
        KontaktRoutes kontaktRoutes = new KontaktRoutes(kontakter, overlamningar, deltagare, t.mallar(), t.web(),
                clock);

        // Administration, gallring, statistics and the import of earlier participants.
        AdminRoutes admin = new AdminRoutes(new OrganisationRepository(jdbi), new TeamRepository(jdbi),
                new HandelseRepository(jdbi, t.kedjekontroll()), t.audit(), t.mallar(), t.web());
        GallringRoutes gallring = new GallringRoutes(gallringar, gallringen, t.mallar(), t.web(), clock);
        StatistikRoutes statistikRoutes = new StatistikRoutes(statistik, t.mallar(), t.web(), clock, t.audit());
        DeltagarImportRoutes deltagarImport = new DeltagarImportRoutes(new DeltagarImportRepository(jdbi), t.audit(),
                t.mallar(), t.web(), clock, team -> statistik.team(team).stream()
                        .map(s -> new DeltagarImportRoutes.Team(s.id(), s.namn())).toList());

        EnkatRoutes enkat = new EnkatRoutes(enkater, t.audit(), t.mallar(), t.web(), clock);

        // Messages: the koordinator's digest counts what her start page counts.
        Utskicket utskick = Utskicket.bygg(jdbi, clock, baseUrl, kanaler, t.users(),
                dagsantal(new Idag(arbetslistor)), t.audit(), t.mallar(), t.web());

        return new Funktioner(hem, auth, nyckel, konto, personal, minPlanering, minaUppgifter, deltagareRoutes,
                uppfoljning, avslut, efterkontroll, fhir, anmalan, moteRoutes, motelage, overlamning, kontaktRoutes,
                admin, gallring, gallringen, statistikRoutes, deltagarImport, utskick, enkatSvar, enkat);
    }

    /** Today's counts for a staff member's digest: exactly the start page's "I dag", from the same lists. */
    static Dagsantal dagsantal(Idag idag) {
        return user -> idag.poster(user).stream()
                .map(p -> new Dagsantal.Rad(p.nyckel(), p.antal(), p.url()))
                .toList();
    }
}
