package com.spendportal.spend;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A known day's spend (DESIGN §15): the sum over the pairs of readings that end in it, unrounded
 * (balances and spend carry 2 decimals).
 *
 * @param pairs how many pairs of readings ended in the day
 */
public record SpendDay(LocalDate day, BigDecimal spendUsd, int pairs) {
}
