package se.finsam.planering.web;

import se.finsam.planering.auth.CurrentUser;
import se.finsam.planering.auth.Roll;

/** What every page's layout needs: language, the logged-in user, the CSRF token, a confirmation to show. */
public record PageContext(Messages messages, CurrentUser user, String csrf, String path, String flash) {

    public String t(String key) {
        return messages.get(key);
    }

    public String t(String key, Object... args) {
        return messages.get(key, args);
    }

    public String lang() {
        return messages.lang();
    }

    public String dir() {
        return messages.dir();
    }

    public boolean inloggad() {
        return user != null;
    }

    public boolean ar(Roll roll) {
        return user != null && user.roll() == roll;
    }

    public boolean personal() {
        return user != null && user.roll().arPersonal();
    }

    public java.util.List<Messages.Sprak> sprak() {
        return Messages.SPRAK;
    }
}
