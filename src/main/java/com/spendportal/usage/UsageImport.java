package com.spendportal.usage;

import com.spendportal.statements.UsageRecord;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lines of one import (a file, an API call, a form entry) into the usage records to
 * store. Lines of the same month and product add up (DESIGN §3), but lines giving only seconds,
 * only dollars, or both stay in separate records: the statement converts a dollars-only record on
 * a usage-based contract, and a seconds-only one on a package, record by record, and a merged
 * record would change which figure counts.
 */
public final class UsageImport {

    private UsageImport() {
    }

    private enum Kind { SECONDS, USD, BOTH }

    private record Key(YearMonth month, String product, Kind kind) {
    }

    /** The records of one import, in the order their (month, product, kind) first appears. */
    public static List<UsageRecord> aggregate(List<UsageLine> lines) {
        Map<Key, UsageRecord> records = new LinkedHashMap<>();
        for (UsageLine line : lines) {
            UsageRecord record = new UsageRecord(line.month(), line.product(), line.seconds(), line.usd());
            Kind kind = record.seconds() == null ? Kind.USD : record.usd() == null ? Kind.SECONDS : Kind.BOTH;
            records.merge(new Key(record.month(), record.product(), kind), record, UsageImport::add);
        }
        return List.copyOf(records.values());
    }

    private static UsageRecord add(UsageRecord a, UsageRecord b) {
        return new UsageRecord(a.month(), a.product(), add(a.seconds(), b.seconds()), add(a.usd(), b.usd()));
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.add(b);
    }
}
