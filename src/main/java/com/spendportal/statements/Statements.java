package com.spendportal.statements;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The day a statement is computed for: today (UTC) or the {@code asOf} a page or export was given. */
public final class Statements {

    private Statements() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Parses {@code asOf} (YYYY-MM-DD, default today UTC); null when it is not a date. */
    public static LocalDate asOf(String text) {
        if (text == null || text.isBlank()) {
            return today();
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
