package com.spendportal.showback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** DESIGN §19's shares, worked by hand in the comments; then a random property test. */
@Tag("h2-only") // no database: the showback engine on values
class AllocationTest {

    @Test
    void aTieGoesToTheLowerFolderId() {
        // 100.00 in thirds: 33.333... each, 33.33 * 3 = 99.99, one cent left; equal remainders: fld_a first
        assertEquals(shares("fld_a", "33.34", "fld_b", "33.33", "fld_c", "33.33"),
                Allocation.shares(usd("100.00"), weights("fld_c", "1", "fld_a", "1", "fld_b", "1")));
    }

    @Test
    void theBlankFolderComesLastAmongEquals() {
        // 2 cents in thirds: 0.666... cents each, none whole; two cents left over, equal remainders: fld_a, fld_b, then ""
        assertEquals(shares("fld_a", "0.01", "fld_b", "0.01", "", "0.00"),
                Allocation.shares(usd("0.02"), weights("", "1", "fld_b", "1", "fld_a", "1")));
    }

    @Test
    void theLargestRemainderTakesTheCentLeft() {
        // 1001 cents by 1:2: a 333.67 -> 333 (remainder 2/3), b 667.33 -> 667 (remainder 1/3); the cent left goes to a
        assertEquals(shares("a", "3.34", "b", "6.67"), Allocation.shares(usd("10.01"), weights("a", "1", "b", "2")));
        // thousandths of a second weigh as much as seconds: 0.001 : 0.002 of 100 cents is 33.33 : 66.67 -> 0.33, 0.67
        assertEquals(shares("a", "0.33", "b", "0.67"),
                Allocation.shares(usd("1.00"), weights("a", "0.001", "b", "0.002")));
        // exact shares need no cent: 1.5 : 2.5 : 6 of 10.00
        assertEquals(shares("a", "1.50", "b", "2.50", "c", "6.00"),
                Allocation.shares(usd("10.00"), weights("a", "1.5", "b", "2.5", "c", "6")));
    }

    @Test
    void aMonthWithoutJobsIsOneShareOfTheBlankFolder() {
        assertEquals(shares("", "123.45"), Allocation.shares(usd("123.45"), Map.of()));
        // completed jobs of no seconds weigh nothing either
        assertEquals(shares("", "123.45"), Allocation.shares(usd("123.45"), weights("fld_a", "0.000")));
    }

    @Test
    void zeroAndNegativeCosts() {
        assertEquals(shares("a", "0.00", "b", "0.00"), Allocation.shares(usd("0.00"), weights("a", "5", "b", "7")));
        // the opposite of 10.01 by 1:2, negated
        assertEquals(shares("a", "-3.34", "b", "-6.67"), Allocation.shares(usd("-10.01"), weights("a", "1", "b", "2")));
    }

    @Test
    void randomSharesAddUpAndStayWithinACentOfTheExactShare() {
        Random random = new Random(19);
        for (int run = 0; run < 5_000; run++) {
            BigDecimal cost = BigDecimal.valueOf(random.nextInt(2_000_000) - 100_000, 2);
            Map<String, BigDecimal> weights = new LinkedHashMap<>();
            int folders = 1 + random.nextInt(8);
            for (int i = 0; i < folders; i++) {
                String folder = random.nextInt(6) == 0 ? "" : "fld_" + random.nextInt(10);
                BigDecimal seconds = random.nextInt(5) == 0 ? BigDecimal.ZERO.setScale(3)
                        : BigDecimal.valueOf(random.nextInt(10_000_000), 3);
                weights.put(folder, seconds);
            }
            Map<String, BigDecimal> shares = Allocation.shares(cost, weights);
            BigDecimal sum = shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, cost.compareTo(sum), "shares of " + cost + " by " + weights + ": " + shares);
            BigDecimal f = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (f.signum() == 0) {
                assertEquals(Map.of("", cost), shares);
                continue;
            }
            List<String> seen = new ArrayList<>(shares.keySet());
            assertEquals(new ArrayList<>(weights.keySet()).stream().sorted(Allocation.FOLDER_ORDER).toList(), seen);
            for (Map.Entry<String, BigDecimal> share : shares.entrySet()) {
                BigDecimal exact = cost.multiply(weights.get(share.getKey())).divide(f, MathContext.DECIMAL128);
                assertTrue(share.getValue().subtract(exact).abs().compareTo(new BigDecimal("0.01")) < 0,
                        share + " against the exact " + exact + " (" + cost + " by " + weights + ")");
            }
        }
    }

    static Map<String, BigDecimal> weights(String... folderSeconds) {
        Map<String, BigDecimal> map = new LinkedHashMap<>();
        for (int i = 0; i < folderSeconds.length; i += 2) {
            map.put(folderSeconds[i], new BigDecimal(folderSeconds[i + 1]));
        }
        return map;
    }

    static Map<String, BigDecimal> shares(String... folderUsd) {
        return weights(folderUsd);
    }

    static BigDecimal usd(String text) {
        return new BigDecimal(text);
    }
}
