package com.spendportal.plan;

import com.spendportal.statements.ContractModel;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Tier;
import com.spendportal.statements.UsageRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prices the next contract on an account's own usage (DESIGN §14): pure, the day and the seed passed in.
 *
 * <p>A usage-based option (mmc, included seconds {@code inc}, overage rate {@code ovr}) costs a whole month
 * {@code mmc + round2(max(0, s - inc) * ovr)}; its expected annual cost is {@code round2(12 * sum of the basis
 * months' costs / n)}. A package (size {@code P}, rate {@code r}, top-up rate {@code t}) costs a year
 * {@code P + round2(max(0, A - P / r) * t)} with {@code A} the year's seconds; unused dollars are forfeited.
 *
 * <p>The range: 2,000 years of 12 months drawn with replacement from the basis months by a
 * {@link SplittableRandom} seeded with the account id, every option priced on the same years; {@code p10},
 * {@code p50}, {@code p90} are nearest-rank percentiles of the sorted annual costs (the value at 1-based rank
 * {@code ceil(p / 100 * 2000)}: the 200th, 1,000th and 1,800th).
 */
public final class PlanCalculator {

    public static final int YEARS = 2_000;
    public static final int MIN_BASIS_MONTHS = 3;
    public static final String CURRENT = "CURRENT";
    static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    static final long BREAK_EVEN_LIMIT = 1_000_000_000L;
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private PlanCalculator() {
    }

    /** A usage-based option's terms for one whole month. */
    record UsageTerms(BigDecimal mmc, BigDecimal inc, BigDecimal ovr) {
        BigDecimal cost(BigDecimal seconds) {
            BigDecimal over = seconds.subtract(inc).max(BigDecimal.ZERO);
            return mmc.add(over.multiply(ovr).setScale(2, RoundingMode.HALF_UP));
        }

        static UsageTerms of(Tier tier) {
            return new UsageTerms(tier.mmcUsd.setScale(2), tier.includedSecondsPerMonth, tier.overageRatePerSecond);
        }
    }

    /**
     * The plan of an account.
     *
     * @param current the current contract's terms, or null
     * @param usage   every usage record of the account (those outside the basis are ignored)
     * @param seed    the account id: the range does not change between views
     */
    public static Plan compute(ContractTerms current, List<UsageRecord> usage, PlanInputs inputs, long seed) {
        return compute(current, usage, inputs, seed, true);
    }

    /** {@link #compute}, without the simulated range when {@code range} is false (p10/p50/p90 are then null). */
    public static Plan compute(ContractTerms current, List<UsageRecord> usage, PlanInputs inputs, long seed,
            boolean range) {
        List<BreakEven> breakEven = List.of(breakEven(Tier.MMC_1000, Tier.MMC_5000), breakEven(Tier.MMC_5000, Tier.MMC_20000));
        BigDecimal currentRate = current == null ? null : current.contractRatePerSecond();
        BigDecimal packageRate = inputs.packageRate() != null ? inputs.packageRate() : currentRate;
        String currentKey = current == null ? null : tierOf(current);
        if (current != null && currentKey == null) {
            currentKey = CURRENT;
        }
        YearMonth asOfMonth = YearMonth.from(inputs.asOf());
        YearMonth first = usage.stream().map(UsageRecord::month).min(Comparator.naturalOrder()).orElse(null);
        List<String> missing = new ArrayList<>();
        if (first == null || !first.isBefore(asOfMonth)) {
            missing.add("No usage is recorded before " + label(asOfMonth) + ": the plan needs at least "
                    + MIN_BASIS_MONTHS + " months of usage before the month of asOf. Import the usage of earlier months.");
            return new Plan(inputs.asOf(), inputs.lookbackMonths(), inputs.growthPct(), List.of(), List.of(), null,
                    breakEven, String.join(" ", missing), packageRate, currentKey, false);
        }
        YearMonth from = asOfMonth.minusMonths(inputs.lookbackMonths());
        if (first.isAfter(from)) {
            from = first;
        }
        BigDecimal dollarRate = currentRate != null ? currentRate : inputs.packageRate();
        Map<YearMonth, BigDecimal> seconds = new TreeMap<>();
        for (YearMonth m = from; m.isBefore(asOfMonth); m = m.plusMonths(1)) {
            seconds.put(m, BigDecimal.ZERO);
        }
        boolean dollarsWithoutRate = false;
        for (UsageRecord record : usage) {
            BigDecimal sum = seconds.get(record.month());
            if (sum == null) {
                continue;
            }
            BigDecimal s;
            if (record.seconds() != null) {
                s = record.seconds();
            } else if (dollarRate != null) {
                s = record.usd().divide(dollarRate, 3, RoundingMode.HALF_UP);
            } else {
                dollarsWithoutRate = true;
                continue;
            }
            seconds.put(record.month(), sum.add(s));
        }
        List<BasisMonth> basis = seconds.entrySet().stream().map(e -> new BasisMonth(e.getKey(), e.getValue())).toList();
        int n = basis.size();
        if (dollarsWithoutRate) {
            missing.add("Some usage is recorded in dollars only and the contract has no contract rate to count its"
                    + " seconds: give packageRate, the rate per second to count it at.");
        }
        if (n < MIN_BASIS_MONTHS) {
            missing.add("Only " + n + (n == 1 ? " month" : " months") + " of usage before " + label(asOfMonth)
                    + " (from " + label(first) + "): the plan needs at least " + MIN_BASIS_MONTHS
                    + ". It can be made once " + (MIN_BASIS_MONTHS - n) + " more " + (MIN_BASIS_MONTHS - n == 1 ? "month has" : "months have")
                    + " closed.");
        }
        if (!missing.isEmpty()) {
            return new Plan(inputs.asOf(), inputs.lookbackMonths(), inputs.growthPct(), basis, List.of(), null,
                    breakEven, String.join(" ", missing), packageRate, currentKey, false);
        }

        BigDecimal factor = HUNDRED.add(inputs.growthPct());
        BigDecimal[] g = new BigDecimal[n];
        BigDecimal sumG = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            g[i] = basis.get(i).seconds().multiply(factor).divide(HUNDRED, 3, RoundingMode.HALF_UP);
            sumG = sumG.add(g[i]);
        }
        int[][] years = range ? draws(n, seed) : null;
        List<PlanOption> options = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            options.add(usageOption(tier.name(), tierLabel(tier), UsageTerms.of(tier), g, years, tier.name().equals(currentKey)));
        }
        if (CURRENT.equals(currentKey)) {
            if (current.model() == ContractModel.USAGE_BASED) {
                options.add(usageOption(CURRENT, currentLabel(current), currentTerms(current), g, years, true));
            } else {
                BigDecimal r = currentRate != null ? currentRate : inputs.packageRate();
                if (r == null) {
                    missing.add("The current package has no contract rate: give packageRate to price it.");
                } else {
                    BigDecimal annual = current.termMonths() == 12 ? current.packageUsd().setScale(2)
                            : current.packageUsd().multiply(TWELVE).divide(BigDecimal.valueOf(current.termMonths()), 2,
                                    RoundingMode.HALF_UP);
                    BigDecimal t = inputs.topUpRate() != null ? inputs.topUpRate() : r;
                    options.add(packageOption(CURRENT, currentLabel(current), annual, r, t, g, sumG, years, true));
                }
            }
        }
        List<PackageQuote> quotes = inputs.packageSizes();
        if (quotes == null) {
            quotes = packageRate == null ? List.of() : defaultSizes(sumG, n, packageRate);
        }
        TreeSet<BigDecimal> ratesUsed = new TreeSet<>();
        int packages = 0;
        for (PackageQuote quote : quotes.stream().sorted(Comparator.comparing(PackageQuote::sizeUsd)).toList()) {
            BigDecimal r = quote.ratePerSecond() != null ? quote.ratePerSecond() : packageRate;
            if (r == null) {
                missing.add("No rate for the " + usd(quote.sizeUsd()) + " package: give packageRate or write the size as"
                        + " SIZE@RATE.");
                continue;
            }
            BigDecimal t = inputs.topUpRate() != null ? inputs.topUpRate() : r;
            BigDecimal size = quote.sizeUsd().setScale(2);
            options.add(packageOption(packageKey(size), usd(size) + " package", size, r, t, g, sumG, years, false));
            ratesUsed.add(r.stripTrailingZeros());
            packages++;
        }
        if (packageRate == null && inputs.packageSizes() == null) {
            missing.add("No rate to price packages at: the contract has no contract rate, so give packageRate.");
        }

        PlanOption currentOption = options.stream().filter(PlanOption::current).findFirst().orElse(null);
        List<PlanOption> priced = new ArrayList<>(options.size());
        for (PlanOption o : options) {
            BigDecimal saving = currentOption == null ? null : currentOption.expectedAnnualUsd().subtract(o.expectedAnnualUsd());
            priced.add(new PlanOption(o.key(), o.label(), o.model(), o.expectedAnnualUsd(), o.p10Usd(), o.p50Usd(),
                    o.p90Usd(), saving, o.includedUsePct(), o.annualDrawdownUsd(), o.unusedUsd(), o.topUpUsd(),
                    o.ratePerSecond(), o.topUpRatePerSecond(), o.current()));
        }
        priced.sort(Comparator.comparing(PlanOption::expectedAnnualUsd).thenComparingInt(PlanCalculator::tieOrder)
                .thenComparing(o -> o.model() == ContractModel.DOLLAR_PACKAGE && !o.key().equals(CURRENT)
                        ? new BigDecimal(o.key().substring("PACKAGE_".length())) : BigDecimal.ZERO));
        String recommended = priced.isEmpty() ? null : priced.get(0).key();
        return new Plan(inputs.asOf(), inputs.lookbackMonths(), inputs.growthPct(), basis, priced, recommended,
                breakEven, missing.isEmpty() ? null : String.join(" ", missing), packageRate, currentKey,
                packages >= 2 && ratesUsed.size() == 1);
    }

    /** The tie rule: {@code CURRENT}, then the tiers by MMC, then the packages by size. */
    private static int tieOrder(PlanOption option) {
        if (option.key().equals(CURRENT)) {
            return 0;
        }
        for (Tier tier : Tier.values()) {
            if (tier.name().equals(option.key())) {
                return 1 + tier.ordinal();
            }
        }
        return 1 + Tier.values().length;
    }

    static String packageKey(BigDecimal size) {
        return "PACKAGE_" + size.stripTrailingZeros().toPlainString();
    }

    /** The published tier whose exact terms the contract has, or null. */
    static String tierOf(ContractTerms terms) {
        if (terms.model() != ContractModel.USAGE_BASED) {
            return null;
        }
        UsageTerms own = currentTerms(terms);
        for (Tier tier : Tier.values()) {
            UsageTerms t = UsageTerms.of(tier);
            if (own.mmc().compareTo(t.mmc()) == 0 && own.inc().compareTo(t.inc()) == 0 && own.ovr().compareTo(t.ovr()) == 0
                    && terms.contractRatePerSecond().compareTo(tier.contractRatePerSecond) == 0) {
                return tier.name();
            }
        }
        return null;
    }

    /** A pool given in dollars is {@code round3(includedUsdPerMonth / contractRate)} seconds. */
    static UsageTerms currentTerms(ContractTerms terms) {
        BigDecimal inc = terms.includedSecondsPerMonth() != null ? terms.includedSecondsPerMonth()
                : terms.includedUsdPerMonth().divide(terms.contractRatePerSecond(), 3, RoundingMode.HALF_UP);
        return new UsageTerms(terms.mmcUsd().setScale(2, RoundingMode.HALF_UP), inc, terms.overageRatePerSecond());
    }

    /** {@code ceil10k(0.8 D)}, {@code ceil10k(D)}, {@code ceil10k(1.2 D)}: distinct, at least 10,000. */
    static List<PackageQuote> defaultSizes(BigDecimal sumG, int n, BigDecimal rate) {
        BigDecimal d = sumG.multiply(TWELVE).multiply(rate).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
        TreeSet<BigDecimal> sizes = new TreeSet<>();
        for (String share : new String[] { "0.8", "1", "1.2" }) {
            BigDecimal x = d.multiply(new BigDecimal(share));
            BigDecimal size = x.divide(TEN_THOUSAND, 0, RoundingMode.CEILING).multiply(TEN_THOUSAND).max(TEN_THOUSAND);
            sizes.add(size);
        }
        return sizes.stream().map(s -> new PackageQuote(s, null)).toList();
    }

    private static PlanOption usageOption(String key, String label, UsageTerms terms, BigDecimal[] g, int[][] years,
            boolean current) {
        int n = g.length;
        BigDecimal sumCost = BigDecimal.ZERO;
        BigDecimal sumIncluded = BigDecimal.ZERO;
        long[] monthCents = new long[n];
        for (int i = 0; i < n; i++) {
            BigDecimal cost = terms.cost(g[i]);
            monthCents[i] = cost.movePointRight(2).longValueExact();
            sumCost = sumCost.add(cost);
            sumIncluded = sumIncluded.add(g[i].min(terms.inc()));
        }
        BigDecimal expected = sumCost.multiply(TWELVE).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
        BigDecimal includedUsePct = terms.inc().signum() == 0 ? null
                : sumIncluded.multiply(HUNDRED).divide(terms.inc().multiply(BigDecimal.valueOf(n)), 1, RoundingMode.HALF_UP);
        BigDecimal[] range = null;
        if (years != null) {
            long[] annual = new long[years.length];
            for (int y = 0; y < years.length; y++) {
                long cents = 0;
                for (int draw : years[y]) {
                    cents += monthCents[draw];
                }
                annual[y] = cents;
            }
            range = percentiles(annual, 2);
        }
        return new PlanOption(key, label, ContractModel.USAGE_BASED, expected, at(range, 0), at(range, 1), at(range, 2),
                null, includedUsePct, null, null, null, null, null, current);
    }

    private static PlanOption packageOption(String key, String label, BigDecimal size, BigDecimal r, BigDecimal t,
            BigDecimal[] g, BigDecimal sumG, int[][] years, boolean current) {
        BigDecimal n = BigDecimal.valueOf(g.length);
        // A = 12 * sumG / n exactly; every figure divides last.
        BigDecimal drawdown = sumG.multiply(TWELVE).multiply(r).divide(n, 2, RoundingMode.HALF_UP);
        BigDecimal beyond = sumG.multiply(TWELVE).multiply(r).subtract(size.multiply(n));
        BigDecimal topUp = beyond.signum() <= 0 ? BigDecimal.ZERO.setScale(2)
                : beyond.multiply(t).divide(n.multiply(r), 2, RoundingMode.HALF_UP);
        BigDecimal expected = size.add(topUp);
        BigDecimal unused = size.subtract(drawdown).max(BigDecimal.ZERO.setScale(2));
        BigDecimal[] range = null;
        if (years != null) {
            long[] millis = new long[g.length];
            for (int i = 0; i < g.length; i++) {
                millis[i] = g[i].movePointRight(3).longValueExact();
            }
            long[] annual = new long[years.length];
            for (int y = 0; y < years.length; y++) {
                long a = 0;
                for (int draw : years[y]) {
                    a += millis[draw];
                }
                BigDecimal over = BigDecimal.valueOf(a, 3).multiply(r).subtract(size);
                BigDecimal cost = over.signum() <= 0 ? size
                        : size.add(over.multiply(t).divide(r, 2, RoundingMode.HALF_UP));
                annual[y] = cost.movePointRight(2).longValueExact();
            }
            range = percentiles(annual, 2);
        }
        return new PlanOption(key, label, ContractModel.DOLLAR_PACKAGE, expected, at(range, 0), at(range, 1),
                at(range, 2), null, null, drawdown, unused, topUp, r, t, current);
    }

    /** Which basis month each month of each simulated year draws, the same for every option. */
    static int[][] draws(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] years = new int[YEARS][12];
        for (int[] year : years) {
            for (int m = 0; m < 12; m++) {
                year[m] = random.nextInt(n);
            }
        }
        return years;
    }

    /** Nearest-rank p10, p50, p90 of values in units of {@code 10^-scale}. */
    static BigDecimal[] percentiles(long[] values, int scale) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new BigDecimal[] { BigDecimal.valueOf(sorted[rank(10, sorted.length) - 1], scale),
                BigDecimal.valueOf(sorted[rank(50, sorted.length) - 1], scale),
                BigDecimal.valueOf(sorted[rank(90, sorted.length) - 1], scale) };
    }

    /** The 1-based nearest rank of the p-th percentile of {@code count} values: {@code ceil(p / 100 * count)}. */
    static int rank(int p, int count) {
        return Math.max(1, (p * count + 99) / 100);
    }

    private static BigDecimal at(BigDecimal[] range, int i) {
        return range == null ? null : range[i];
    }

    /**
     * The smallest whole number of seconds a month at which the higher tier's cost is at most the lower's, or null
     * below {@link #BREAK_EVEN_LIMIT}.
     */
    static BreakEven breakEven(Tier lower, Tier higher) {
        return new BreakEven(lower.name(), higher.name(), breakEvenSeconds(UsageTerms.of(lower), UsageTerms.of(higher)));
    }

    static Long breakEvenSeconds(UsageTerms lower, UsageTerms higher) {
        if (!cheaperOrEqual(higher, lower, BREAK_EVEN_LIMIT)) {
            return null;
        }
        long lo = 0;
        long hi = BREAK_EVEN_LIMIT;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (cheaperOrEqual(higher, lower, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        // Cent rounding can make the comparison hold at a few seconds just below the crossing of the unrounded
        // costs: look there too, down to where the unrounded difference exceeds a cent.
        long best = lo;
        for (long s = lo - 1; s >= 0 && lo - s < 1_000_000; s--) {
            BigDecimal seconds = BigDecimal.valueOf(s);
            BigDecimal exact = unrounded(higher, seconds).subtract(unrounded(lower, seconds));
            if (exact.compareTo(CENT) > 0) {
                break;
            }
            if (cheaperOrEqual(higher, lower, s)) {
                best = s;
            }
        }
        return best;
    }

    private static boolean cheaperOrEqual(UsageTerms higher, UsageTerms lower, long s) {
        BigDecimal seconds = BigDecimal.valueOf(s);
        return higher.cost(seconds).compareTo(lower.cost(seconds)) <= 0;
    }

    private static BigDecimal unrounded(UsageTerms terms, BigDecimal seconds) {
        return terms.mmc().add(seconds.subtract(terms.inc()).max(BigDecimal.ZERO).multiply(terms.ovr()));
    }

    static String tierLabel(Tier tier) {
        return usd(tier.mmcUsd) + "/month";
    }

    private static String currentLabel(ContractTerms terms) {
        if (terms.model() == ContractModel.USAGE_BASED) {
            UsageTerms t = currentTerms(terms);
            return "Current: " + usd(t.mmc()) + "/month, " + grouped(t.inc()) + " s included";
        }
        return "Current: " + usd(terms.packageUsd()) + " package"
                + (terms.termMonths() == 12 ? "" : " for " + terms.termMonths() + " months");
    }

    /** {@code $120,000} or {@code $1,234.50}: whole dollars without cents. */
    static String usd(BigDecimal value) {
        return "$" + grouped(value);
    }

    private static String grouped(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() <= 0) {
            return String.format(java.util.Locale.US, "%,d", v.toBigInteger());
        }
        return String.format(java.util.Locale.US, "%,." + Math.max(2, v.scale()) + "f", v);
    }

    private static String label(YearMonth month) {
        return month.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.US) + " " + month.getYear();
    }
}
