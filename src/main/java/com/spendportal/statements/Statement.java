package com.spendportal.statements;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A contract's statement as of a day: one row per calendar month of the term, the totals and,
 * depending on the model, a forecast or an open-month projection.
 *
 * <p>One record serves both models so that type-safe templates can read typed rows: a
 * usage-based statement fills {@code usageMonths}, {@code usageTotals} and maybe
 * {@code projection}, and leaves {@code packageMonths} empty and the package fields null; a
 * dollar package the other way round, with {@code forecast} null when no month is CLOSED yet.
 * {@link #months()} and {@link #totals()} pick the filled side, and {@link #jsonBody()} is the
 * body of {@code GET /api/accounts/{id}/statement}: {@code {model, months, totals, forecast?}}.
 */
public record Statement(
        ContractModel model,
        List<UsageBasedMonth> usageMonths,
        List<PackageMonth> packageMonths,
        UsageBasedTotals usageTotals,
        PackageTotals packageTotals,
        Forecast forecast,
        OpenMonthProjection projection) {

    public Statement {
        usageMonths = List.copyOf(usageMonths);
        packageMonths = List.copyOf(packageMonths);
    }

    public boolean usageBased() {
        return model == ContractModel.USAGE_BASED;
    }

    /** Whether the account's job list was read: its rows then show job seconds (DESIGN §18). */
    public boolean jobsRead() {
        return usageBased() ? usageMonths.stream().anyMatch(m -> m.jobSeconds() != null)
                : packageMonths.stream().anyMatch(m -> m.jobSeconds() != null);
    }

    /** The rows of this statement's model: {@link UsageBasedMonth} or {@link PackageMonth}. */
    public List<? extends Record> months() {
        return usageBased() ? usageMonths : packageMonths;
    }

    /** {@link UsageBasedTotals} or {@link PackageTotals}. */
    public Record totals() {
        return usageBased() ? usageTotals : packageTotals;
    }

    /** {@code {months, totals, forecast?}} in DESIGN's field names, ready for a JSON mapper. */
    public Map<String, Object> jsonBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("months", months());
        body.put("totals", totals());
        if (forecast != null) {
            body.put("forecast", forecast);
        }
        return body;
    }
}
