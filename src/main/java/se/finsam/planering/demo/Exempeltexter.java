package se.finsam.planering.demo;

import static se.finsam.planering.demo.Referensdata.AF;
import static se.finsam.planering.demo.Referensdata.FK;
import static se.finsam.planering.demo.Referensdata.JOBBTORG;
import static se.finsam.planering.demo.Referensdata.REGION;
import static se.finsam.planering.demo.Referensdata.SOC;

import java.util.List;
import java.util.Map;

/**
 * The texts of the demo data. Internal texts read as notes between staff; participant texts are
 * plain and say "du".
 */
final class Exempeltexter {

    private Exempeltexter() {
    }

    static final List<String> MAL = List.of(
            "Jag vill jobba med barn igen.",
            "Jag vill ha ett jobb så att jag kan försörja min familj.",
            "Jag vill må bättre och orka gå upp på morgonen.",
            "Jag vill lära mig bättre svenska så att jag kan jobba som undersköterska.",
            "Jag vill tillbaka till lagerjobbet, kanske på deltid först.",
            "Jag vill börja plugga till elektriker.",
            "Jag vill slippa söka pengar från soc varje månad.",
            "Jag vill hitta ett jobb som jag klarar trots min rygg.",
            "Jag vill få ordning på min ekonomi och sedan börja jobba.",
            "Jag vill jobba i kök, det har jag gjort förut.",
            "Jag vill veta vad jag orkar och få rätt ersättning.",
            "Jag vill köra buss som min pappa gjorde.",
            "Jag vill jobba med datorer.",
            "Jag vill att mina barn ska se att jag har ett jobb att gå till.",
            "Jag vill jobba i butik, gärna med kläder.",
            "Jag vill klara att vara på en praktikplats tre dagar i veckan.",
            "Jag vill ta körkort och sedan söka jobb som chaufför.",
            "Jag vill bli så frisk att jag kan jobba halvtid.");

    static final List<String> SAMMANFATTNING = List.of(
            "Försörjningsstöd sedan {år}. Värk i rygg och axlar enligt vårdcentralen. Har avbrutit två insatser hos AF. Behöver samordnad bedömning av arbetsförmåga.",
            "Sjukskriven 100 % sedan drygt ett år (utmattning). FK bedömer att rehabilitering behövs före återgång. Oklart vilket stöd AF kan ge.",
            "Etableringsplanen snart slut. Svaga kunskaper i svenska, oklar hälsa (sömnsvårigheter, oro). Risk för glapp mot försörjningsstöd.",
            "Ung vuxen utan fullständiga gymnasiebetyg. Misstänkt npf, ingen utredning gjord. Bor hos förälder, sporadisk kontakt med AF.",
            "Tidigare missbruk, drogfri sedan {år} enligt soc. Behöver arbetsträning i lugn miljö. Skulder hos Kronofogden.",
            "Har pendlat mellan FK och AF i flera år (rundgång). Läkarintyg anger nedsatt arbetsförmåga 50 %. Behövs gemensam bild av vad som är möjligt.",
            "Depression och ångest, behandlas inom psykiatrin. Vill arbeta men orkar inte heltid. Ekonomiskt bistånd sedan {år}.",
            "Ensamstående med tre barn, försörjningsstöd. Smärtproblematik. Önskar arbete inom barnomsorg.",
            "Aktivitetsersättning pga nedsatt arbetsförmåga, vill pröva arbete. Behöver stöd i kontakten med flera myndigheter.",
            "Avskriven från AF:s program pga frånvaro. Soc kräver aktivitet för fortsatt bistånd. Oklart om hälsoskäl ligger bakom frånvaron.");

    static final List<String> TIDIGARE_INSATSER = List.of(
            "Rusta och matcha (AF) {år}, avbröts efter två månader.",
            "Arbetsträning via Jobbtorg, sex veckor.",
            "Samtalsbehandling inom psykiatrin sedan {år}.",
            "SFI, kurs B avslutad.",
            "Arbetsprövning via FK och AF {år}, avbröts vid sjukskrivning.",
            "Fysioterapi på vårdcentralen, tio tillfällen.",
            "Budget- och skuldrådgivning via socialtjänsten.",
            "Inga tidigare insatser.");

    static final List<String> TEAMANTECKNING = List.of(
            "Teamet är överens om att läkarbedömning behövs före arbetsträning. FK-rep: sjukpenningen löper till nästa avstämning. Soc fortsätter biståndet under tiden.",
            "AF-rep bedömer att Rusta och matcha kan starta direkt. Risk: tidigare avbrott. Koordinatorn håller tät kontakt första månaden.",
            "Oklart om nedsättningen är varaktig. FK utreder aktivitetsersättning parallellt. Region-rep tar fram underlag från psykiatrin.",
            "Deltagaren verkade trött och orolig. Teamet valde få och små steg. Soc-rep lyfte skuldsituationen, tas upp vid uppföljningen.",
            "Stark motivation. Hindren är främst språket och körkort. AF undersöker yrkessvenska.",
            "Hög risk för rundgång mellan FK och AF. Koordinatorn samordnar och bevakar att överlämningarna kvitteras.",
            "Tolk användes. Deltagaren förstod planen men vill ha den skriftligt på sitt språk. Jobbtorg ordnar det.",
            "Region-rep: väntetid till smärtmottagningen ca tre månader. Teamet föreslår fysioterapi under tiden.");

    static final List<String> TA_MED = List.of(
            "Ta med legitimation och ditt senaste läkarintyg.",
            "Ta med legitimation. Du får gärna ta med någon du litar på.",
            "Ta med legitimation och brev från Försäkringskassan om du har fått några.",
            "Ta med legitimation och dina betyg om du har dem.");
    static final String TA_MED_TOLK = "Ta med legitimation.";

    record ItemText(String typ, String text) {
    }

    static final Map<String, List<ItemText>> ITEM_TEXTS = Map.of(
            AF, List.of(
                    new ItemText("rekommendation", "Arbetsförmedlingen går igenom vad du har jobbat med och vad du kan."),
                    new ItemText("rekommendation", "Arbetsförmedlingen ordnar en praktikplats inom det du är intresserad av, först 25 procent."),
                    new ItemText("rekommendation", "Arbetsförmedlingen tar reda på om du kan få ett jobb med lönestöd."),
                    new ItemText("rekommendation", "Arbetsförmedlingen bokar en tid hos en psykolog som tittar på hur du lär dig bäst."),
                    new ItemText("rekommendation", "Arbetsförmedlingen hjälper dig att söka till en yrkesutbildning."),
                    new ItemText("rekommendation", "Arbetsförmedlingen ordnar en arbetsprövning så att du får pröva vad du orkar."),
                    new ItemText("beslut", "Arbetsförmedlingen har beslutat att du får vara med i Rusta och matcha."),
                    new ItemText("beslut", "Arbetsförmedlingen har skrivit in dig som arbetssökande.")),
            FK, List.of(
                    new ItemText("rekommendation", "Försäkringskassan bokar ett möte med dig, din läkare och Arbetsförmedlingen."),
                    new ItemText("rekommendation", "Försäkringskassan tar reda på om du har rätt till aktivitetsersättning."),
                    new ItemText("rekommendation", "Försäkringskassan tar reda på om du kan få rehabiliteringsersättning när du arbetstränar."),
                    new ItemText("rekommendation", "Försäkringskassan förklarar hur sjukpenningen fungerar när du börjar arbetsträna."),
                    new ItemText("rekommendation", "Försäkringskassan tar reda på om du har rätt till sjukersättning."),
                    new ItemText("beslut", "Försäkringskassan har beslutat att du får sjukpenning på halvtid medan du arbetstränar.")),
            REGION, List.of(
                    new ItemText("rekommendation", "Vårdcentralen bokar en tid hos en läkare som bedömer hur mycket du kan arbeta."),
                    new ItemText("rekommendation", "Du får träffa en fysioterapeut en gång i veckan och träna ryggen."),
                    new ItemText("rekommendation", "Psykiatrin bokar ett samtal med dig om din sömn och din oro."),
                    new ItemText("rekommendation", "Vårdcentralen skriver ett nytt läkarintyg till Försäkringskassan."),
                    new ItemText("rekommendation", "Du får gå på samtal hos en kurator på vårdcentralen."),
                    new ItemText("rekommendation", "Vårdcentralen skickar en remiss till en smärtmottagning."),
                    new ItemText("beslut", "Psykiatrin har beslutat att du får en utredning av adhd.")),
            SOC, List.of(
                    new ItemText("beslut", "Socialtjänsten har beslutat att du får försörjningsstöd medan planeringen pågår."),
                    new ItemText("rekommendation", "Socialtjänsten hjälper dig att göra en budget och att kontakta Kronofogden om dina skulder."),
                    new ItemText("rekommendation", "Socialtjänsten hjälper dig att söka en egen bostad."),
                    new ItemText("rekommendation", "Socialtjänsten bokar en tid hos en budget- och skuldrådgivare."),
                    new ItemText("beslut", "Socialtjänsten har beslutat att du får pengar till busskort så att du kan ta dig till praktiken."),
                    new ItemText("rekommendation", "Din socialsekreterare träffar dig en gång i månaden.")),
            JOBBTORG, List.of(
                    new ItemText("rekommendation", "Du får en jobbcoach på Jobbtorg som du träffar varje vecka."),
                    new ItemText("rekommendation", "Jobbtorg erbjuder dig arbetsträning i Jobbtorgs kafé tre förmiddagar i veckan."),
                    new ItemText("rekommendation", "Din jobbcoach hjälper dig att skriva ett CV och ett personligt brev."),
                    new ItemText("rekommendation", "Jobbtorg hjälper dig att hitta en kurs i svenska som passar dig."),
                    new ItemText("rekommendation", "Din jobbcoach följer med dig första dagen på praktikplatsen."),
                    new ItemText("rekommendation", "Jobbtorg hjälper dig att söka till Komvux.")));

    static final List<String> EGNA_STEG = List.of(
            "Du går på SFI-kursen på tisdagar och torsdagar.",
            "Du ringer vårdcentralen och bokar en tid.",
            "Du skickar ditt läkarintyg till Försäkringskassan.",
            "Du tar en promenad på minst 30 minuter tre gånger i veckan.",
            "Du tar med dina betyg och intyg till din jobbcoach.",
            "Du skriver ner tre jobb som du skulle vilja pröva.",
            "Du anmäler dig till kursen i svenska på Komvux.",
            "Du går till tandläkaren innan praktiken börjar.",
            "Du skaffar BankID så att du kan logga in hos myndigheterna.",
            "Du besöker öppna förskolan en gång och ser hur arbetet går till.");

    /** Why an item is stuck, per responsible organisation ("" = the participant's own step). */
    static final Map<String, List<String>> FASTNAT_ORSAK = Map.of(
            AF, List.of("Praktikplatsen drog sig ur.", "Handläggaren har slutat och ingen ny är utsedd."),
            FK, List.of("Väntar på beslut från Försäkringskassan sedan sex veckor.",
                    "Handläggaren har slutat och ingen ny är utsedd."),
            REGION, List.of("Ingen läkartid förrän om åtta veckor.", "Lång kö till psykiatrin."),
            SOC, List.of("Handläggaren har slutat och ingen ny är utsedd.", "Väntar på komplettering av ansökan."),
            JOBBTORG, List.of("Ingen ledig plats i arbetsträningen just nu.", "Jobbcoachen har varit sjuk i flera veckor."),
            "", List.of("Deltagaren har inte orkat på grund av sjukdom.", "Deltagaren har inte fått tid på SFI ännu."));

    static final Map<String, String> AVSLAGEN_ORSAK = Map.of(
            AF, "Arbetsförmedlingen bedömde att insatsen inte är aktuell just nu.",
            FK, "Försäkringskassan bedömde att villkoren för ersättningen inte är uppfyllda.",
            REGION, "Remissen avvisades; vårdcentralen fortsätter behandlingen.",
            SOC, "Ansökan avslogs av socialtjänsten.",
            JOBBTORG, "Platsen i arbetsträningen finns inte längre.");

    static final List<String> NOTERING_FRAMSTEG = List.of(
            "Du har kommit igång med flera av dina steg. Det går åt rätt håll. Vi ses igen vid nästa uppföljning.",
            "Du har börjat på din praktik och trivs. Nästa gång pratar vi om att öka antalet timmar.",
            "Du har fått en tid hos läkaren. Berätta gärna för oss hur det gick.",
            "Du har haft några tunga veckor. Det är okej att ta det i din egen takt. Ring koordinatorn om något blir svårt.",
            "Du har skickat in dina papper. Nu väntar vi på svar från Försäkringskassan.",
            "Bra jobbat med ditt CV! Din jobbcoach hjälper dig nu att söka jobb.");
    static final String NOTERING_FASTNAT =
            "Ett av dina steg har stannat upp. Det är inte ditt fel. Koordinatorn kontaktar %s och hör av sig till dig.";
    static final String NOTERING_FASTNAT_VARD =
            "Vi väntar fortfarande på en tid hos vården. Koordinatorn försöker skynda på och ringer dig när något händer.";
    static final String NOTERING_FASTNAT_EGET =
            "Ett av dina egna steg har stannat upp. Det är okej. Vi pratar om vad som kan hjälpa dig.";
    static final String NOTERING_KLART =
            "Du har gjort allt i din planering. Bra jobbat! Nu pratar vi om vad som ska hända sedan.";

    static final List<String> INTERN_FRAMSTEG = List.of(
            "AF-rep bekräftar att praktikplatsen är klar. Soc fortsätter utbetalningen tills vidare.",
            "FK avvaktar komplettering av läkarintyget. Risk för glapp i ersättningen, koordinatorn bevakar.",
            "Uteblev från ett möte med jobbcoachen. Inget mönster ännu, följs upp.",
            "Socialsekreteraren byts nästa månad. Ny kontaktperson ska registreras.",
            "Samstämmig bild i teamet. Inga hinder just nu.");
    /** Why a follow-up was lifted to the koordinator, in a colleague's words (the item's reason is shown apart). */
    static final String INTERN_FASTNAT =
            "Har inte kommit vidare med %s. Koordinatorn behöver hjälpa till att nå den som ansvarar.";

    static final List<String> NASTA_STEG = List.of(
            "Nästa uppföljning är om ungefär två månader. Koordinatorn ringer dig innan.",
            "Du fortsätter att träffa din jobbcoach varje vecka.",
            "Koordinatorn bokar ett möte med dig, Arbetsförmedlingen och Försäkringskassan.",
            "Ring koordinatorn om du inte har fått en läkartid inom två veckor.");
    static final String NASTA_STEG_FASTNAT =
            "Koordinatorn kontaktar den som är ansvarig och hör av sig till dig inom en vecka.";

    static final List<String> SYSSELSATTNING = List.of(
            "Ingen sysselsättning ännu",
            "Arbetsträning 25 % via Jobbtorg",
            "Arbetsträning 50 % i Jobbtorgs kafé",
            "Praktik 50 % på förskola",
            "SFI två dagar i veckan",
            "Rusta och matcha via Arbetsförmedlingen",
            "Sjukskriven 100 %, väntar på bedömning",
            "Studier på Komvux, halvtid");

    static final List<String[]> EXTERNA_VARDKONTAKTER = List.of(
            new String[] {"Karin Lund", "Läkare, {vc}", "Mån–fre 8–9"},
            new String[] {"Ali Hosseini", "Psykolog, psykiatriska mottagningen", "Tis och tors 9–10"},
            new String[] {"Sanna Ek", "Fysioterapeut, {vc}", "Mån–tors 8–9"});
}
