package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The wallet balance at one moment, as {@code GET /v3/users/me} reported it. Only snapshots in
 * {@code usd} with a balance take part in the wallet columns of a dollar package ({@link WalletMonths}).
 */
public record BalanceSnapshot(Instant fetchedAt, String currency, BigDecimal remainingBalance) {

    public static BalanceSnapshot usd(Instant fetchedAt, BigDecimal remainingBalance) {
        return new BalanceSnapshot(fetchedAt, "usd", remainingBalance);
    }
}
