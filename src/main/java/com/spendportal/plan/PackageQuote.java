package com.spendportal.plan;

import java.math.BigDecimal;

/** One package size to price, in USD, with its own quoted rate per second or null for the plan's package rate. */
public record PackageQuote(BigDecimal sizeUsd, BigDecimal ratePerSecond) {
}
