package com.spendportal.audit;

import com.spendportal.web.Dates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which audit entries to show: an actor, an action or its family ({@code account} for every
 * {@code account.*}), a target such as {@code account:12}, and a range of UTC days (both included).
 * Blank means any.
 */
record AuditFilter(String actor, String action, String target, LocalDate from, LocalDate to) {

    static final AuditFilter ANY = new AuditFilter(null, null, null, null, null);

    /** The filter, or the message for each field that cannot be read. */
    record Parsed(AuditFilter filter, Map<String, String> errors) {
    }

    static Parsed parse(String actor, String action, String target, String from, String to) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate fromDay = day(from, "from", errors);
        LocalDate toDay = day(to, "to", errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.put("to", "Must not be before the from date.");
        }
        String cleanAction = blankToNull(action);
        if (cleanAction != null && !cleanAction.matches("[a-z]+(\\.[a-z_]+)?")) {
            errors.put("action", "An action looks like account or account.update.");
        }
        return new Parsed(new AuditFilter(blankToNull(actor), cleanAction, blankToNull(target), fromDay, toDay), errors);
    }

    Instant fromInstant() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant toInstantExclusive() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The filter as query parameters, for links to the next page and to the CSV. */
    String query() {
        StringBuilder query = new StringBuilder();
        append(query, "actor", actor);
        append(query, "action", action);
        append(query, "target", target);
        append(query, "from", from == null ? null : from.toString());
        append(query, "to", to == null ? null : to.toString());
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static LocalDate day(String text, String field, Map<String, String> errors) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        LocalDate day = Dates.day(value);
        if (day == null) {
            errors.put(field, Dates.DAY_MESSAGE);
        }
        return day;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
