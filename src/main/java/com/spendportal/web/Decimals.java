package com.spendportal.web;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Parses decimals typed by people or sent by clients, straight from text to {@link BigDecimal}.
 * Exponent notation is refused: spreadsheets produce it when they round.
 */
public final class Decimals {

    private static final Pattern PLAIN = Pattern.compile("\\d+(\\.\\d+)?");

    private Decimals() {
    }

    /** Outcome of parsing one field: a value or a message for people. */
    public record Parsed(BigDecimal value, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * @param lenient also accept "$12,345.60" as typed in a form (thousands separators, a dollar sign, spaces around);
     *     a client's value (not lenient) with spaces or line breaks around it is refused like any other malformed one
     */
    public static Parsed parse(String text, int maxScale, int maxIntegerDigits, boolean allowZero, boolean lenient) {
        if (text == null || text.isBlank()) {
            return new Parsed(null, "Required.");
        }
        String t = text.strip();
        if (!lenient && !t.equals(text)) {
            return new Parsed(null, "Enter a number such as 1234.56, with no spaces or line breaks around it.");
        }
        if (lenient) {
            t = t.replace(",", "").replace("$", "").replace(" ", "");
        }
        if (t.startsWith("-")) {
            return new Parsed(null, "Must not be negative.");
        }
        if (t.contains("e") || t.contains("E")) {
            return new Parsed(null, "Write the number out in full (no exponent notation).");
        }
        if (!PLAIN.matcher(t).matches()) {
            return new Parsed(null, "Enter a number such as 1234.56.");
        }
        BigDecimal value = new BigDecimal(t);
        if (value.scale() > maxScale) {
            return new Parsed(null, maxScale == 0 ? "Use a whole number." : "Use at most " + maxScale + " decimals.");
        }
        if (value.precision() - value.scale() > maxIntegerDigits) {
            return new Parsed(null, "Too large.");
        }
        if (!allowZero && value.signum() == 0) {
            return new Parsed(null, "Must be more than 0.");
        }
        return new Parsed(value, null);
    }
}
