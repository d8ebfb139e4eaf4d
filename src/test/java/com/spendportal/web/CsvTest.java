package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the CSV writer
class CsvTest {

    @Test
    void textThatASpreadsheetWouldRunIsDefused() {
        assertEquals("'=cmd|' /C calc'!A0", Csv.cell("=cmd|' /C calc'!A0"));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-5", Csv.cell("-5"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("'\rx", Csv.cell("\rx"));
        assertEquals("avatar-iv", Csv.cell("avatar-iv"));
        assertEquals("", Csv.cell(""));
    }

    @Test
    void numbersArePlainDecimalsNeverPrefixed() {
        assertEquals("-1750.00", Csv.cell(new BigDecimal("-1750.00")));
        assertEquals("1200000", Csv.cell(new BigDecimal("1.2E+6")));
        assertEquals("0.00833", Csv.cell(new BigDecimal("0.00833")));
        assertEquals("31", Csv.cell(31));
        assertEquals("", Csv.cell(null));
        assertEquals("2026-03", Csv.cell(YearMonth.of(2026, 3)));
        assertThrows(IllegalArgumentException.class, () -> Csv.cell(0.1d));
    }

    @Test
    void writesRfc4180WithCrlfAndRoundTrips() throws IOException {
        // Commons CSV quotes an empty first cell so that the row cannot pass for a blank line.
        StringBuilder out = new StringBuilder();
        Csv.withHeader(out, List.of("product", "note", "usd"))
                .row("=cmd", "says \"hi\", twice\nand more", new BigDecimal("-3.50"))
                .row(null, "plain", new BigDecimal("0"))
                .flush();

        assertEquals("product,note,usd\r\n'=cmd,\"says \"\"hi\"\", twice\nand more\",-3.50\r\n\"\",plain,0\r\n",
                out.toString());
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(out.toString())).getRecords();
        assertEquals(List.of("'=cmd", "says \"hi\", twice\nand more", "-3.50"), records.get(1).toList());
        assertEquals(List.of("", "plain", "0"), records.get(2).toList());
    }
}
