package com.spendportal.statements;

/**
 * How a month's recorded invoice compares with the portal's figure (DESIGN §16): {@code MATCHED}
 * within the tolerance, {@code DIFFERS} beyond it, {@code OPEN} while nothing is recorded.
 */
public enum Reconciliation {
    MATCHED, DIFFERS, OPEN
}
