package com.spendportal.statements;

import java.math.BigDecimal;

/**
 * One month of an account's job list (DESIGN §18): its completed jobs and their seconds, summed from the days of
 * {@code completedAt} (UTC) in the month.
 */
public record JobMonth(long completedJobs, BigDecimal seconds) {
}
