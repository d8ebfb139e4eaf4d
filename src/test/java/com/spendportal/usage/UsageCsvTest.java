package com.spendportal.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.statements.UsageRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the usage CSV parser
class UsageCsvTest {

    private static final Path SAMPLES = Path.of("..", "shared", "samples");
    private static final String HEADER = "month,seconds,usd,product,note\n";

    // ---- the shared samples ----

    @Test
    void goodSampleIsAcceptedAndFebruaryAddsUpPerProduct() throws IOException {
        ParseResult result = parseSample("usage-good.csv");

        assertTrue(result.ok(), () -> result.errors().toString());
        assertEquals(List.of(2, 3, 4, 5), result.lines().stream().map(UsageLine::lineNumber).toList());
        assertEquals(List.of(
                new UsageRecord(YearMonth.of(2026, 1), "avatar-iv", dec("700000"), null),
                new UsageRecord(YearMonth.of(2026, 2), "avatar-iv", dec("450000"), null),
                new UsageRecord(YearMonth.of(2026, 2), "video-translation", null, dec("1200.50")),
                new UsageRecord(YearMonth.of(2026, 3), "", dec("600000"), null)),
                UsageImport.aggregate(result.lines()));
    }

    @Test
    void spreadsheetSampleWithBomCrlfAndDatesFallsIntoApril() throws IOException {
        ParseResult result = parseSample("usage-excel-bom-crlf.csv");

        assertTrue(result.ok(), () -> result.errors().toString());
        assertEquals(List.of(2, 3, 4), result.lines().stream().map(UsageLine::lineNumber).toList());
        assertEquals(List.of(
                new UsageRecord(YearMonth.of(2026, 4), "avatar-iv", dec("218000.5"), null),
                new UsageRecord(YearMonth.of(2026, 4), "video-agent", null, dec("310.75"))),
                UsageImport.aggregate(result.lines()));
    }

    @Test
    void badSampleIsRejectedWholeNamingEveryBadLineWithItsReason() throws IOException {
        ParseResult result = parseSample("usage-bad.csv");

        assertFalse(result.ok());
        assertTrue(result.lines().isEmpty(), "nothing of a refused file may be stored");
        assertEquals(List.of(3, 4, 5, 6, 7, 8), result.errors().stream().map(LineError::lineNumber).toList());
        assertReason(result, 3, "not a real month");
        assertReason(result, 4, "not in the form YYYY-MM");
        assertReason(result, 5, "must not be negative");
        assertReason(result, 6, "give seconds or usd");
        assertReason(result, 7, "not a plain decimal");
        assertReason(result, 8, "exponent notation is not accepted");
    }

    // ---- numbers ----

    @Test
    void exponentNotationIsRefusedWithTheReason() {
        ParseResult result = parse(HEADER + "2026-01,1.2E+06,,,\n2026-02,,3e2,,\n");

        assertEquals(2, result.errors().size());
        assertReason(result, 2, "seconds '1.2E+06': exponent notation is not accepted: spreadsheets use it when they round");
        assertReason(result, 3, "usd '3e2': exponent notation");
    }

    @Test
    void amountsKeepTheirStoredPrecision() {
        ParseResult result = parse(HEADER + "2026-01,1.0005,,,\n2026-01,,1.005,,\n2026-01,1.500,1.500,,\n"
                + "2026-01,1234567890123,,,\n2026-01,+5,,,\n2026-01,\"1,000\",,,\n");

        assertReason(result, 2, "seconds '1.0005' has more than 3 decimals");
        assertReason(result, 3, "usd '1.005' has more than 2 decimals");
        assertTrue(result.errors().stream().noneMatch(e -> e.lineNumber() == 4), "trailing zeros are fine");
        assertReason(result, 5, "too large");
        assertReason(result, 6, "not a plain decimal");
        assertReason(result, 7, "not a plain decimal");
    }

    @Test
    void aLineWithSeveralProblemsReportsThemAll() {
        ParseResult result = parse(HEADER + "2026-00,-1,abc,,\n");

        LineError error = result.errors().get(0);
        assertEquals(2, error.lineNumber());
        assertTrue(error.message().contains("not a real month"), error.message());
        assertTrue(error.message().contains("seconds must not be negative"), error.message());
        assertTrue(error.message().contains("usd 'abc'"), error.message());
    }

    // ---- lines, months, dates ----

    @Test
    void bomAndCrlfAreAcceptedFromBytes() {
        byte[] bytes = ("\uFEFFmonth,seconds\r\n2026-01,10\r\n2026-02,20\r\n").getBytes(StandardCharsets.UTF_8);

        ParseResult result = UsageCsv.parse(new ByteArrayInputStream(bytes));

        assertTrue(result.ok(), () -> result.errors().toString());
        assertEquals(List.of(2, 3), result.lines().stream().map(UsageLine::lineNumber).toList());
        assertEquals(YearMonth.of(2026, 2), result.lines().get(1).month());
    }

    @Test
    void bytesThatAreNotUtf8RefuseTheFile() {
        byte[] bytes = {'m', 'o', 'n', 't', 'h', ',', 's', 'e', 'c', 'o', 'n', 'd', 's', '\n', (byte) 0xC3, '(', '\n'};

        ParseResult result = UsageCsv.parse(new ByteArrayInputStream(bytes));

        assertFalse(result.ok());
        assertTrue(result.errors().get(0).message().contains("not UTF-8"), result.errors().toString());
    }

    @Test
    void datesAreBucketedIntoTheirMonthAndMustBeReal() {
        ParseResult good = parse("date,seconds\n2026-02-01,10\n2026-02-28,5.5\n");
        assertEquals(List.of(new UsageRecord(YearMonth.of(2026, 2), "", dec("15.5"), null)),
                UsageImport.aggregate(good.lines()));

        ParseResult bad = parse("date,seconds\n2026-02-30,10\n2026-2-3,10\n1999-12-31,1\n2026-03,1\n");
        assertReason(bad, 2, "not a real date");
        assertReason(bad, 3, "not in the form YYYY-MM-DD");
        assertReason(bad, 4, "outside the years 2000 to 2100");
        assertReason(bad, 5, "not in the form YYYY-MM-DD");
    }

    @Test
    void monthsOutsideTheYearRangeAreRefused() {
        ParseResult result = parse(HEADER + "2101-01,1,,,\n1999-12,1,,,\n,1,,,\n");

        assertReason(result, 2, "outside the years");
        assertReason(result, 3, "outside the years");
        assertReason(result, 4, "month is missing");
    }

    @Test
    void lineNumbersStayRightAfterBlankLinesAndMultiLineNotes() {
        ParseResult result = parse(HEADER + "2026-01,1,,,\"a note\nover two lines\"\n\n2026-13,1,,,\n");

        assertEquals(List.of(4 + 1), result.errors().stream().map(LineError::lineNumber).toList());
    }

    @Test
    void productIsTrimmedAndLimitedNoteIsIgnored() {
        String longName = "p".repeat(101);
        ParseResult result = parse(HEADER + "2026-01,1,, avatar-iv ,=cmd()\n2026-01,1,," + longName + ",\n");

        assertReason(result, 3, "longer than 100 characters");
        ParseResult ok = parse(HEADER + "2026-01,1,, avatar-iv ,=cmd()\n");
        assertEquals("avatar-iv", ok.lines().get(0).product());
    }

    @Test
    void shortLinesReadMissingCellsAsEmptyButLongLinesAreRefused() {
        assertTrue(parse(HEADER + "2026-01,100\n").ok());
        assertReason(parse(HEADER + "2026-01,100,,,,extra\n"), 2, "6 fields, the header 5");
    }

    @Test
    void malformedQuotingIsReportedNotThrown() {
        ParseResult result = parse(HEADER + "2026-01,1,,\"x\"y,\n");

        assertFalse(result.ok());
        assertTrue(result.errors().get(0).message().startsWith("the file is not valid CSV"), result.errors().toString());
    }

    // ---- the file and its header ----

    @Test
    void anEmptyFileOrAHeaderWithoutDataIsAnError() {
        for (String text : List.of("", "\uFEFF", "\n\n", HEADER, HEADER + "\n\n")) {
            ParseResult result = parse(text);
            assertFalse(result.ok(), () -> "accepted " + text.replace("\n", "\\n"));
            assertEquals(0, result.errors().get(0).lineNumber());
        }
        assertTrue(parse(HEADER).errors().get(0).message().contains("no data lines"));
    }

    @Test
    void headerIsCaseInsensitiveTrimmedAndInAnyOrder() {
        ParseResult result = parse(" USD , Month ,Product\n1.50,2026-01,x\n");

        assertTrue(result.ok(), () -> result.errors().toString());
        assertEquals(new UsageLine(2, YearMonth.of(2026, 1), "x", null, dec("1.50")), result.lines().get(0));
    }

    @Test
    void unknownMissingOrRepeatedColumnsAreFileErrors() {
        assertFileError(parse("month,seconds,cost\n2026-01,1,2\n"), "unknown column 'cost'");
        assertFileError(parse("seconds,usd\n1,2\n"), "missing column: month (or date)");
        assertFileError(parse("month,product\n2026-01,x\n"), "missing column: seconds or usd");
        assertFileError(parse("month,date,seconds\n2026-01,2026-01-01,1\n"), "not both");
        assertFileError(parse("month,seconds,seconds\n2026-01,1,1\n"), "appears twice");
        assertFileError(parse("month,seconds,\n2026-01,1,\n"), "no name");
    }

    @Test
    void fiveThousandLinesParseAndAddUp() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 5000; i++) {
            csv.append("2026-").append(String.format("%02d", i % 12 + 1)).append(",100.5,,p").append(i / 12 % 3)
                    .append(",line ").append(i).append("\r\n");
        }

        ParseResult result = parse(csv.toString());

        assertTrue(result.ok(), () -> result.errors().toString());
        assertEquals(5000, result.lines().size());
        assertEquals(5001, result.lines().get(4999).lineNumber());
        List<UsageRecord> records = UsageImport.aggregate(result.lines());
        assertEquals(36, records.size(), "12 months x 3 products");
        BigDecimal total = records.stream().map(UsageRecord::seconds).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, total.compareTo(new BigDecimal("502500.0")));
    }

    // ---- helpers ----

    private static ParseResult parseSample(String name) throws IOException {
        try (InputStream in = Files.newInputStream(SAMPLES.resolve(name))) {
            return UsageCsv.parse(in);
        }
    }

    private static ParseResult parse(String text) {
        return UsageCsv.parse(new StringReader(text));
    }

    private static void assertReason(ParseResult result, int line, String fragment) {
        LineError error = result.errors().stream().filter(e -> e.lineNumber() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no error for line " + line + " in " + result.errors()));
        assertTrue(error.message().contains(fragment), "line " + line + ": '" + error.message()
                + "' does not say '" + fragment + "'");
    }

    private static void assertFileError(ParseResult result, String fragment) {
        assertFalse(result.ok());
        assertTrue(result.errors().stream().anyMatch(e -> e.lineNumber() == 0 && e.message().contains(fragment)),
                () -> result.errors() + " does not say '" + fragment + "'");
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
