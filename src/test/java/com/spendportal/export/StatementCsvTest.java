package com.spendportal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Invoices;
import com.spendportal.statements.Statement;
import com.spendportal.statements.StatementCalculator;
import com.spendportal.statements.UsageRecord;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the CSV of statement rows
class StatementCsvTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    @Test
    void usageBasedExportHasTheDesignColumnsARowPerMonthAndATotal() throws IOException {
        ContractTerms terms = ContractTerms.usageBased(JAN_1, 2, dec("5000.00"), dec("0.00750"), dec("600000"), null,
                dec("0.00833"));
        Statement statement = StatementCalculator.compute(terms,
                List.of(UsageRecord.ofSeconds(YearMonth.of(2026, 1), "", dec("700000"))), List.of(),
                LocalDate.of(2026, 2, 10));

        String csv = write(statement);
        List<CSVRecord> records = parse(csv);

        assertTrue(csv.startsWith("month,active_days,days_in_month,commitment_usd,included_seconds,used_seconds,"
                + "included_used_seconds,unused_included_seconds,overage_seconds,overage_usd,total_usd,"
                + "utilization_pct,status,invoiced_usd,difference_usd,reconciliation,usage_source,job_seconds\r\n"), csv);
        assertEquals(4, records.size());
        assertEquals(List.of("2026-01", "31", "31", "5000.00", "600000.000", "700000.000", "600000.000", "0.000",
                "100000.000", "833.00", "5833.00", "116.7", "CLOSED", "", "", "OPEN", "RECORDS", ""), records.get(1).toList());
        assertEquals("OPEN", records.get(2).get(12));
        assertEquals(List.of("TOTAL", "", "", "10000.00", "1200000.000", "700000.000", "600000.000", "600000.000",
                "100000.000", "833.00", "10833.00", "", "", "", "", "", "", ""), records.get(3).toList());
    }

    @Test
    void packageExportKeepsNegativeRemainingPlainAndEmptyWalletCells() throws IOException {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 2, dec("1000.00"), dec("0.00500"));
        Statement statement = StatementCalculator.compute(terms,
                List.of(UsageRecord.ofSeconds(YearMonth.of(2026, 1), "", dec("550000"))), List.of(),
                LocalDate.of(2026, 3, 1));

        String csv = write(statement);
        List<CSVRecord> records = parse(csv);

        assertEquals("month,active_days,days_in_month,drawdown_usd,drawdown_source,cumulative_drawdown_usd,"
                + "remaining_usd,consumed_pct,term_elapsed_pct,wallet_drawdown_usd,top_ups_usd,status,invoiced_usd,"
                + "difference_usd,reconciliation,job_seconds",
                csv.lines().findFirst().orElseThrow());
        assertEquals(List.of("2026-01", "31", "31", "2750.00", "METERED", "2750.00", "-1750.00", "275.0", "52.5",
                "", "", "CLOSED", "", "", "OPEN", ""), records.get(1).toList());
        assertTrue(csv.contains(",-1750.00,"), csv);
        assertFalse(csv.contains("'-"), "numbers are never defused: " + csv);
        assertEquals(List.of("TOTAL", "", "", "2750.00", "", "", "-1750.00", "", "", "", "", "", "", "", "", ""),
                records.get(3).toList());
    }

    @Test
    void recordedInvoicesFillTheLastThreeColumns() throws IOException {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 2, dec("1000.00"), dec("0.00500"));
        Invoices invoices = new Invoices(Map.of(YearMonth.of(2026, 1), dec("2700")), new BigDecimal("1.00"));
        Statement statement = StatementCalculator.compute(terms,
                List.of(UsageRecord.ofSeconds(YearMonth.of(2026, 1), "", dec("550000"))), Map.of(),
                LocalDate.of(2026, 3, 1), invoices);

        List<CSVRecord> records = parse(write(statement));

        assertEquals(List.of("2700.00", "-50.00", "DIFFERS"), records.get(1).toList().subList(12, 15));
        assertEquals(List.of("", "", "OPEN"), records.get(2).toList().subList(12, 15));
    }

    private static String write(Statement statement) throws IOException {
        StringBuilder out = new StringBuilder();
        StatementCsv.write(statement, out);
        return out.toString();
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
