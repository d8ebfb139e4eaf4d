package com.spendportal.statements;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;

/**
 * What HeyGen invoiced per month, as recorded by an admin, and the tolerance within which an
 * invoice matches the portal's figure (DESIGN §16). The statement engine takes them as values: it
 * never reads where they are stored.
 */
public record Invoices(Map<YearMonth, BigDecimal> invoicedUsd, BigDecimal toleranceUsd) {

    /** The default of {@code portal.reconcile.tolerance-usd}. */
    public static final BigDecimal DEFAULT_TOLERANCE_USD = new BigDecimal("1.00");

    /** No invoice recorded: every month OPEN. */
    public static final Invoices NONE = new Invoices(Map.of(), DEFAULT_TOLERANCE_USD);

    public Invoices {
        invoicedUsd = Map.copyOf(invoicedUsd);
        Objects.requireNonNull(toleranceUsd, "toleranceUsd");
    }

    /** A month's invoice held against the portal's figure for it. */
    record Outcome(BigDecimal invoicedUsd, BigDecimal differenceUsd, Reconciliation reconciliation) {
    }

    /**
     * {@code differenceUsd = invoiced - expected}; MATCHED when {@code |difference| <= tolerance},
     * else DIFFERS; OPEN (and both figures null) when nothing is recorded for the month.
     */
    Outcome reconcile(YearMonth month, BigDecimal expectedUsd) {
        BigDecimal invoiced = invoicedUsd.get(month);
        if (invoiced == null) {
            return new Outcome(null, null, Reconciliation.OPEN);
        }
        BigDecimal scaled = invoiced.setScale(2, RoundingMode.HALF_UP);
        BigDecimal difference = scaled.subtract(expectedUsd);
        Reconciliation state = difference.abs().compareTo(toleranceUsd) <= 0 ? Reconciliation.MATCHED
                : Reconciliation.DIFFERS;
        return new Outcome(scaled, difference, state);
    }
}
