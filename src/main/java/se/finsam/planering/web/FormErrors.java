package se.finsam.planering.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Validation messages per field, in the order the fields appear on the page. */
public final class FormErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    public FormErrors add(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public String get(String field) {
        return errors.get(field);
    }

    public Map<String, String> all() {
        return errors;
    }

    public static FormErrors none() {
        return new FormErrors();
    }
}
