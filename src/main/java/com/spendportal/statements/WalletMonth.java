package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * What the wallet readings of one calendar month (UTC) say, in the figures of DESIGN §5: the sum of
 * the decreases and of the increases between consecutive usd balances whose later reading falls in
 * the month, how many such pairs there were, how many readings of any kind the month has, and the
 * last usd balance read in it.
 *
 * @param readings       every reading of the month, whatever its billing type or currency
 * @param balancePairs   pairs of consecutive usd balances booked to this month; 0 means the month
 *                       has no wallet drawdown figure at all (not a drawdown of 0.00)
 * @param drawdownUsd    sum of the decreases, unrounded (balances carry 2 decimals)
 * @param topUpsUsd      sum of the increases, unrounded
 * @param lastBalanceUsd the last usd balance read in the month; null when none was
 */
public record WalletMonth(YearMonth month, int readings, int balancePairs, BigDecimal drawdownUsd,
        BigDecimal topUpsUsd, BigDecimal lastBalanceUsd) {

    public static WalletMonth empty(YearMonth month) {
        return new WalletMonth(month, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, null);
    }
}
