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

    private java.util.Locale locale() {
        return java.util.Locale.forLanguageTag(lang());
    }

    /** A date written out, e.g. "14 mars 2026". */
    public String datum(java.time.LocalDate date) {
        return date == null ? "" : date.format(java.time.format.DateTimeFormatter
                .ofLocalizedDate(java.time.format.FormatStyle.LONG).withLocale(locale()));
    }

    /** A weekday and date, e.g. "tisdag 14 mars 2026". */
    public String veckodagDatum(java.time.LocalDate date) {
        return date == null ? "" : date.format(java.time.format.DateTimeFormatter
                .ofLocalizedDate(java.time.format.FormatStyle.FULL).withLocale(locale()));
    }

    /** A time of day, e.g. "09:30". */
    public String klockslag(java.time.LocalDateTime time) {
        return time == null ? "" : time.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
    }

    /** When something was recorded, in Swedish time: e.g. "14 mars 2026 09:30". */
    public String tidpunkt(java.time.Instant instant) {
        if (instant == null) {
            return "";
        }
        var local = java.time.LocalDateTime.ofInstant(instant, se.finsam.planering.App.ZONE);
        return datum(local.toLocalDate()) + " " + klockslag(local);
    }
}
