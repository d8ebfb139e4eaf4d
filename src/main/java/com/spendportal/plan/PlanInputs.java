package com.spendportal.plan;

import com.spendportal.web.Dates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plan is computed from besides the account's contract and usage (DESIGN §14).
 *
 * @param lookbackMonths at most this many months before asOf's month are the basis (3..36)
 * @param growthPct      next term's usage against the basis, in percent (-90..500)
 * @param packageRate    $/s of package quotes without their own rate; null: the current contract's rate
 * @param packageSizes   the package quotes; null: the default sizes
 * @param topUpRate      $/s of use beyond a package; null: each package's own rate
 * @param asOf           the day the plan is made
 */
public record PlanInputs(int lookbackMonths, BigDecimal growthPct, BigDecimal packageRate,
        List<PackageQuote> packageSizes, BigDecimal topUpRate, LocalDate asOf) {

    public static final int DEFAULT_LOOKBACK = 12;
    public static final int MAX_QUOTES = 10;
    private static final BigDecimal MIN_GROWTH = new BigDecimal("-90");
    private static final BigDecimal MAX_GROWTH = new BigDecimal("500");
    private static final Pattern SIGNED = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("\\d+(\\.\\d+)?");

    public PlanInputs {
        packageSizes = packageSizes == null ? null : List.copyOf(packageSizes);
    }

    /** The defaults: 12 months, no growth, the current rate and the default sizes, as of {@code asOf}. */
    public static PlanInputs defaults(LocalDate asOf) {
        return new PlanInputs(DEFAULT_LOOKBACK, BigDecimal.ZERO, null, null, null, asOf);
    }

    public boolean isDefault() {
        return lookbackMonths == DEFAULT_LOOKBACK && growthPct.signum() == 0 && packageRate == null
                && packageSizes == null && topUpRate == null;
    }

    /** The inputs as typed (a form, a query), kept to show again. Blank means the default. */
    public record Text(String lookbackMonths, String growthPct, String packageRate, String packageSizes,
            String topUpRate, String asOf) {

        public static Text of(PlanInputs inputs) {
            return new Text(String.valueOf(inputs.lookbackMonths), inputs.growthPct.toPlainString(),
                    plain(inputs.packageRate), sizes(inputs.packageSizes), plain(inputs.topUpRate),
                    inputs.asOf.toString());
        }

        private static String plain(BigDecimal value) {
            return value == null ? "" : value.toPlainString();
        }

        private static String sizes(List<PackageQuote> quotes) {
            if (quotes == null) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (PackageQuote q : quotes) {
                parts.add(q.sizeUsd().toPlainString() + (q.ratePerSecond() == null ? "" : "@" + q.ratePerSecond().toPlainString()));
            }
            return String.join(",", parts);
        }
    }

    /** Parsed inputs, or a message per bad field (by its name); never both. */
    public record Parsed(PlanInputs inputs, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Parses typed inputs; a blank field takes its default, a blank asOf is {@code today}. */
    public static Parsed parse(Text text, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        int lookback = DEFAULT_LOOKBACK;
        if (!blank(text.lookbackMonths())) {
            String t = text.lookbackMonths().trim();
            if (!t.matches("\\d{1,3}") || Integer.parseInt(t) < 3 || Integer.parseInt(t) > 36) {
                errors.put("lookbackMonths", "Enter a whole number of months from 3 to 36.");
            } else {
                lookback = Integer.parseInt(t);
            }
        }
        BigDecimal growth = BigDecimal.ZERO;
        if (!blank(text.growthPct())) {
            String t = text.growthPct().trim().replace("%", "");
            if (!SIGNED.matcher(t).matches()) {
                errors.put("growthPct", "Enter a percentage such as 10 or -25 (no exponent notation).");
            } else {
                BigDecimal value = new BigDecimal(t);
                if (value.scale() > 2) {
                    errors.put("growthPct", "Use at most 2 decimals.");
                } else if (value.compareTo(MIN_GROWTH) < 0 || value.compareTo(MAX_GROWTH) > 0) {
                    errors.put("growthPct", "Enter a percentage from -90 to 500.");
                } else {
                    growth = value;
                }
            }
        }
        BigDecimal packageRate = rate(text.packageRate(), "packageRate", errors);
        BigDecimal topUpRate = rate(text.topUpRate(), "topUpRate", errors);
        List<PackageQuote> quotes = null;
        if (!blank(text.packageSizes())) {
            String message = null;
            quotes = new ArrayList<>();
            Set<BigDecimal> seen = new HashSet<>();
            for (String part : text.packageSizes().split(",", -1)) {
                String p = part.trim();
                String[] sizeAndRate = p.split("@", -1);
                if (sizeAndRate.length > 2) {
                    message = "Write each size as SIZE or SIZE@RATE, e.g. 120000 or 120000@0.0065; \u201c" + p + "\u201d is neither.";
                    break;
                }
                String size = sizeAndRate[0].trim().replace("$", "");
                if (!PLAIN.matcher(size).matches() || new BigDecimal(size).scale() > 2
                        || new BigDecimal(size).signum() == 0 || new BigDecimal(size).precision() - new BigDecimal(size).scale() > 10) {
                    message = "Each size is a positive amount in USD with at most 2 decimals, e.g. 120000; \u201c" + p + "\u201d is not.";
                    break;
                }
                BigDecimal sizeUsd = new BigDecimal(size);
                BigDecimal quoteRate = null;
                if (sizeAndRate.length == 2) {
                    String r = sizeAndRate[1].trim().replace("$", "");
                    if (!PLAIN.matcher(r).matches() || new BigDecimal(r).scale() > 6 || new BigDecimal(r).signum() == 0
                            || new BigDecimal(r).compareTo(BigDecimal.ONE) >= 0) {
                        message = "A quoted rate is $/s above 0 and below 1 with at most 6 decimals, e.g. 120000@0.0065; \u201c" + p + "\u201d is not.";
                        break;
                    }
                    quoteRate = new BigDecimal(r);
                }
                if (!seen.add(sizeUsd.stripTrailingZeros())) {
                    message = "Each size once: " + sizeUsd.toPlainString() + " is given twice.";
                    break;
                }
                quotes.add(new PackageQuote(sizeUsd, quoteRate));
            }
            if (message == null && quotes.size() > MAX_QUOTES) {
                message = "At most " + MAX_QUOTES + " sizes.";
            }
            if (message != null) {
                errors.put("packageSizes", message);
                quotes = null;
            }
        }
        LocalDate asOf = today;
        if (!blank(text.asOf())) {
            asOf = Dates.day(text.asOf());
            if (asOf == null) {
                errors.put("asOf", Dates.DAY_MESSAGE);
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        return new Parsed(new PlanInputs(lookback, growth, packageRate, quotes, topUpRate, asOf), Map.of());
    }

    private static BigDecimal rate(String text, String field, Map<String, String> errors) {
        if (blank(text)) {
            return null;
        }
        String t = text.trim().replace("$", "");
        if (!PLAIN.matcher(t).matches()) {
            errors.put(field, "Enter a rate in $ per second such as 0.0065 (no exponent notation).");
            return null;
        }
        BigDecimal value = new BigDecimal(t);
        if (value.scale() > 6) {
            errors.put(field, "Use at most 6 decimals.");
            return null;
        }
        if (value.signum() == 0 || value.compareTo(BigDecimal.ONE) >= 0) {
            errors.put(field, "Enter a rate above 0 and below $1 per second.");
            return null;
        }
        return value;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
