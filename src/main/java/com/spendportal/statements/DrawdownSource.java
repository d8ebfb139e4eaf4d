package com.spendportal.statements;

/** Where a dollar-package month's drawdown comes from (DESIGN §5). */
public enum DrawdownSource {
    /** Usage records of the month, in dollars or converted from seconds. */
    METERED,
    /** No usage records, but wallet snapshots landed in the month. */
    WALLET,
    /** Neither: the drawdown is 0.00. */
    NONE
}
