package com.spendportal.statements;

/** A billing month relative to {@code asOf}: before its month, its month, or after it. */
public enum MonthStatus {
    CLOSED,
    OPEN,
    UPCOMING
}
