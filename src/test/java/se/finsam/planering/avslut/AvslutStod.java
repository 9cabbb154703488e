package se.finsam.planering.avslut;

import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import se.finsam.planering.testsupport.HttpSession;

/** For tests that close a participant for another reason: every open item on the avslut page closed as not done. */
public final class AvslutStod {

    private AvslutStod() {
    }

    /** The avslut form's fields with a "close as not done" decision for each open item it shows, plus {@code falt}. */
    public static Map<String, String> medBeslut(HttpSession s, long deltagareId, Map<String, String> falt) {
        Map<String, String> form = new HashMap<>(falt);
        for (Element radio : s.page("/deltagare/" + deltagareId + "/avslut")
                .select("input[type=radio][name^=beslut_][value=stang]")) {
            String id = radio.attr("name").substring("beslut_".length());
            form.putIfAbsent(radio.attr("name"), "stang");
            form.putIfAbsent("orsak_" + id, "Deltagaren avslutad");
        }
        return form;
    }
}
