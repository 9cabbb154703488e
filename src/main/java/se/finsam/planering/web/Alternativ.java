package se.finsam.planering.web;

/** One choice among radio buttons or checkboxes: the value sent, and the text shown. */
public record Alternativ(String varde, String text) {
}
