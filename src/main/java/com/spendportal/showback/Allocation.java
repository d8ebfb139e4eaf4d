package com.spendportal.showback;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's month cost shared across its folders by their job seconds (DESIGN §19), in whole cents by the
 * largest-remainder method: each share {@code S * f_k / F} truncated to whole cents, then the cents left over given
 * one each to the shares with the largest truncated remainder (ties: folder id ascending, the blank folder last). The
 * shares add up to {@code S} exactly, and each is within one cent of {@code S * f_k / F}.
 *
 * <p>The arithmetic is in integers: cents, and seconds in thousandths (their scale), so no rounding happens before
 * the one the method defines. A negative cost is shared as its opposite, then negated, so the rule is the same either
 * way round.
 */
public final class Allocation {

    /** The folder of jobs listed without one; its share comes last among equals. */
    public static final String BLANK = "";

    /** Folder ids ascending, the blank folder last. */
    public static final Comparator<String> FOLDER_ORDER = (a, b) -> a.equals(b) ? 0
            : a.isEmpty() ? 1 : b.isEmpty() ? -1 : a.compareTo(b);

    private Allocation() {
    }

    /**
     * The shares of {@code cost} (scale 2) by {@code weights} (seconds per folder, none negative), in
     * {@link #FOLDER_ORDER}. With no weights or a zero sum the whole cost is one share, the blank folder's.
     */
    public static Map<String, BigDecimal> shares(BigDecimal cost, Map<String, BigDecimal> weights) {
        BigInteger cents = cost.movePointRight(2).setScale(0, java.math.RoundingMode.UNNECESSARY).toBigIntegerExact();
        List<String> folders = new ArrayList<>(weights.keySet());
        folders.sort(FOLDER_ORDER);
        BigInteger total = BigInteger.ZERO;
        List<BigInteger> w = new ArrayList<>(folders.size());
        for (String folder : folders) {
            BigDecimal seconds = weights.get(folder);
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException("negative seconds for folder '" + folder + "': " + seconds);
            }
            BigInteger thousandths = seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
            w.add(thousandths);
            total = total.add(thousandths);
        }
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        if (total.signum() == 0) {
            result.put(BLANK, cost.setScale(2));
            return result;
        }
        boolean negative = cents.signum() < 0;
        BigInteger c = cents.abs();
        BigInteger[] whole = new BigInteger[folders.size()];
        BigInteger[] remainder = new BigInteger[folders.size()];
        BigInteger given = BigInteger.ZERO;
        for (int i = 0; i < folders.size(); i++) {
            BigInteger[] qr = c.multiply(w.get(i)).divideAndRemainder(total);
            whole[i] = qr[0];
            remainder[i] = qr[1];
            given = given.add(qr[0]);
        }
        int left = c.subtract(given).intValueExact(); // fewer than the shares with a remainder
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            order.add(i);
        }
        // largest remainder first; the list is already in folder order, and the sort is stable
        order.sort((a, b) -> remainder[b].compareTo(remainder[a]));
        for (int k = 0; k < left; k++) {
            int i = order.get(k);
            whole[i] = whole[i].add(BigInteger.ONE);
        }
        for (int i = 0; i < folders.size(); i++) {
            BigInteger share = negative ? whole[i].negate() : whole[i];
            result.put(folders.get(i), new BigDecimal(share, 2));
        }
        return result;
    }
}
