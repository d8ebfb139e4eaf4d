package com.spendportal.usage;

import java.util.List;

/**
 * The outcome of parsing a usage file. A file with any error is refused whole (DESIGN §7), so
 * {@code lines} is empty unless {@link #ok()}; {@code errors} names every bad line.
 */
public record ParseResult(List<UsageLine> lines, List<LineError> errors) {

    public ParseResult {
        errors = List.copyOf(errors);
        lines = errors.isEmpty() ? List.copyOf(lines) : List.of();
    }

    static ParseResult failed(String fileError) {
        return new ParseResult(List.of(), List.of(new LineError(0, fileError)));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
