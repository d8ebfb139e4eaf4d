package com.spendportal.statements;

import com.spendportal.web.Dates;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The day a statement is computed for: today (UTC) or the {@code asOf} a page or export was given. */
public final class Statements {

    private Statements() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Parses {@code asOf} (default today UTC); null when it is not a day by {@link Dates}' rule. */
    public static LocalDate asOf(String text) {
        return text == null || text.isEmpty() ? today() : Dates.day(text);
    }
}
