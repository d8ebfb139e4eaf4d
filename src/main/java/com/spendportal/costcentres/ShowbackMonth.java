package com.spendportal.costcentres;

import com.spendportal.statements.Statements;
import com.spendportal.web.ApiException;
import com.spendportal.web.Dates;
import java.time.YearMonth;
import java.util.Map;

/**
 * The {@code month} a showback is asked for ({@code /api/showback}, {@code /showback.csv}, {@code /showback.pdf}):
 * this month (UTC) when absent, else {@code YYYY-MM} by {@link Dates}' rule, and not after this month, which has no
 * showback yet.
 */
public final class ShowbackMonth {

    static final String LATER_MESSAGE = "A month after this one has no showback yet.";

    private ShowbackMonth() {
    }

    /** The month asked for; a 400 naming {@code month} when it is not one, or is after this month. */
    public static YearMonth parse(String text) {
        YearMonth current = YearMonth.from(Statements.today());
        if (text == null || text.isEmpty()) {
            return current;
        }
        YearMonth month = Dates.month(text);
        if (month == null) {
            throw ApiException.invalid(Map.of("month", Dates.MONTH_MESSAGE));
        }
        if (month.isAfter(current)) {
            throw ApiException.invalid(Map.of("month", LATER_MESSAGE));
        }
        return month;
    }
}
