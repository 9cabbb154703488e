package se.finsam.planering.atkomst;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Set;

/** The roles of domain.md. Declared beside each route in App's route table. */
public enum Roll implements RouteRole {
    DELTAGARE, HANDLAGGARE, TEAMREPRESENTANT, KOORDINATOR, STYRGRUPP, ADMIN;

    /** Staff who work with participants' cases. */
    public static final RouteRole[] PERSONAL = {HANDLAGGARE, TEAMREPRESENTANT, KOORDINATOR};
    /** Everyone who is logged in. */
    public static final RouteRole[] INLOGGAD = values();

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Roll fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean arPersonal() {
        return Set.of(HANDLAGGARE, TEAMREPRESENTANT, KOORDINATOR).contains(this);
    }

    /** Routes anyone may reach, logged in or not. */
    public enum Oppen implements RouteRole { ALLA }
}
