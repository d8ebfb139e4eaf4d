package com.spendportal.plan;

/**
 * From how many seconds a month the higher tier costs at most the lower one; null when it never does below a
 * billion seconds a month.
 */
public record BreakEven(String lower, String higher, Long secondsPerMonth) {
}
