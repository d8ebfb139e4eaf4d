package com.spendportal.usage;

import com.spendportal.web.Dates;
import com.spendportal.web.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Parses the usage import format of DESIGN §7: RFC 4180, UTF-8 (a byte-order mark is skipped),
 * CRLF or LF, header {@code month,seconds,usd,product,note} in any order and case, {@code date}
 * ({@code YYYY-MM-DD}) in place of {@code month}, {@code product} and {@code note} optional. Blank
 * lines are skipped.
 *
 * <p>Each line needs a month (a real {@code YYYY-MM}, years 2000 to 2100) or a real date in that
 * range, and seconds, usd or both. Numbers are plain non-negative decimals ({@code 120000},
 * {@code 310.75}): no sign, no thousands separator and no exponent, because a spreadsheet writes
 * {@code 1.2E+06} when it has rounded the figure. Seconds take at most 3 decimals and usd at most 2,
 * the precision they are stored with, so nothing is rounded silently; both at most 12 digits before
 * the point. A product is trimmed and at most 100 characters; the note is ignored.
 *
 * <p>Every bad line is reported with its number (the header is line 1) and all its reasons.
 */
public final class UsageCsv {

    static final int MAX_PRODUCT_LENGTH = 100;
    private static final int MAX_INTEGER_DIGITS = 12;
    private static final int MIN_YEAR = Dates.MIN_YEAR;
    private static final int MAX_YEAR = Dates.MAX_YEAR;
    private static final List<String> COLUMNS = List.of("month", "date", "seconds", "usd", "product", "note");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern EXPONENT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)[eE][+-]?\\d+");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            // The header is checked below, with messages for people, instead of by exceptions.
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .get();

    private UsageCsv() {
    }

    /** Parses UTF-8 bytes; bytes that are not UTF-8 refuse the file. */
    public static ParseResult parse(InputStream in) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return parse(new InputStreamReader(in, decoder));
    }

    public static ParseResult parse(Reader reader) {
        try (CSVParser parser = CSVParser.builder().setReader(skipByteOrderMark(reader)).setFormat(FORMAT).get()) {
            return parse(parser);
        } catch (CharacterCodingException e) {
            return ParseResult.failed("the file is not UTF-8 text");
        } catch (IOException | UncheckedIOException e) {
            return ParseResult.failed(readFailure(e));
        }
    }

    private static ParseResult parse(CSVParser parser) {
        List<String> names = parser.getHeaderNames();
        if (names.isEmpty()) {
            return ParseResult.failed("the file is empty: expected a header month,seconds,usd,product,note");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<LineError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                errors.add(new LineError(0, "column " + (i + 1) + " of the header has no name"));
            } else if (!COLUMNS.contains(name)) {
                errors.add(new LineError(0, "unknown column '" + shorten(names.get(i))
                        + "': expected month (or date), seconds, usd, product, note"));
            } else if (columns.putIfAbsent(name, i) != null) {
                errors.add(new LineError(0, "column '" + name + "' appears twice in the header"));
            }
        }
        if (columns.containsKey("month") && columns.containsKey("date")) {
            errors.add(new LineError(0, "give a month column or a date column, not both"));
        } else if (!columns.containsKey("month") && !columns.containsKey("date")) {
            errors.add(new LineError(0, "missing column: month (or date)"));
        }
        if (!columns.containsKey("seconds") && !columns.containsKey("usd")) {
            errors.add(new LineError(0, "missing column: seconds or usd (or both)"));
        }
        if (!errors.isEmpty()) {
            return new ParseResult(List.of(), errors);
        }

        List<UsageLine> lines = new ArrayList<>();
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                errors.add(new LineError((int) parser.getCurrentLineNumber(), readFailure(e)));
                break;
            }
            parseLine(record, firstLineOf(record, parser), names.size(), columns, lines, errors);
        }
        if (lines.isEmpty() && errors.isEmpty()) {
            return ParseResult.failed("the file has a header but no data lines");
        }
        return new ParseResult(lines, errors);
    }

    private static void parseLine(CSVRecord record, int lineNumber, int columnCount, Map<String, Integer> columns,
            List<UsageLine> lines, List<LineError> errors) {
        if (record.size() > columnCount) {
            errors.add(new LineError(lineNumber,
                    "the line has " + record.size() + " fields, the header " + columnCount));
            return;
        }
        check(lineNumber, cell(record, columns, "month"), columns.containsKey("month") ? null : cell(record, columns, "date"),
                cell(record, columns, "seconds"), cell(record, columns, "usd"), cell(record, columns, "product"), lines, errors);
    }

    /**
     * Checks one usage record given as text, as a CSV line, a JSON item or the form gives it, and
     * adds it to {@code lines} or its reasons to {@code errors}. {@code date} replaces
     * {@code month} when it is not null.
     */
    public static void check(int lineNumber, String month, String date, String seconds, String usd, String product,
            List<UsageLine> lines, List<LineError> errors) {
        List<String> reasons = new ArrayList<>();
        YearMonth parsedMonth = date == null ? parseMonth(strip(month), reasons) : parseDate(strip(date), reasons);
        String secondsCell = strip(seconds);
        String usdCell = strip(usd);
        if (secondsCell.isEmpty() && usdCell.isEmpty()) {
            reasons.add("give seconds or usd (or both)");
        }
        BigDecimal parsedSeconds = parseAmount("seconds", secondsCell, 3, reasons);
        BigDecimal parsedUsd = parseAmount("usd", usdCell, 2, reasons);
        String productName = strip(product);
        if (!Text.oneLine(product)) {
            reasons.add("product holds control characters (such as a line break, tab or NUL)");
        } else if (productName.length() > MAX_PRODUCT_LENGTH) {
            reasons.add("product is longer than " + MAX_PRODUCT_LENGTH + " characters");
        }
        if (reasons.isEmpty()) {
            lines.add(new UsageLine(lineNumber, parsedMonth, productName, parsedSeconds, parsedUsd));
        } else {
            errors.add(new LineError(lineNumber, String.join("; ", reasons)));
        }
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /** A trimmed cell; "" when the column is absent or the line stops short of it. */
    private static String cell(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= record.size() ? "" : record.get(index).strip();
    }

    private static YearMonth parseMonth(String value, List<String> reasons) {
        if (value.isEmpty()) {
            reasons.add("month is missing");
            return null;
        }
        Matcher m = MONTH.matcher(value);
        if (!m.matches()) {
            reasons.add("month '" + shorten(value) + "' is not in the form YYYY-MM");
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
            reasons.add("month '" + value + "' is not a real month (01 to 12)");
            return null;
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            reasons.add("month '" + value + "' is outside the years " + MIN_YEAR + " to " + MAX_YEAR);
            return null;
        }
        return YearMonth.of(year, month);
    }

    /** A date is bucketed into its month (DESIGN §3). */
    private static YearMonth parseDate(String value, List<String> reasons) {
        if (value.isEmpty()) {
            reasons.add("date is missing");
            return null;
        }
        if (!DATE.matcher(value).matches()) {
            reasons.add("date '" + shorten(value) + "' is not in the form YYYY-MM-DD");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value); // ISO_LOCAL_DATE resolves strictly: 2026-02-30 fails
        } catch (DateTimeParseException e) {
            reasons.add("date '" + value + "' is not a real date");
            return null;
        }
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            reasons.add("date '" + value + "' is outside the years " + MIN_YEAR + " to " + MAX_YEAR);
            return null;
        }
        return YearMonth.from(date);
    }

    private static BigDecimal parseAmount(String column, String value, int maxDecimals, List<String> reasons) {
        if (value.isEmpty()) {
            return null;
        }
        if (PLAIN_DECIMAL.matcher(value).matches()) {
            BigDecimal amount = new BigDecimal(value);
            if (amount.stripTrailingZeros().scale() > maxDecimals) {
                reasons.add(column + " '" + value + "' has more than " + maxDecimals + " decimals");
                return null;
            }
            if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
                reasons.add(column + " '" + shorten(value) + "' is too large");
                return null;
            }
            return amount;
        }
        if (EXPONENT.matcher(value).matches()) {
            reasons.add(column + " '" + value
                    + "': exponent notation is not accepted: spreadsheets use it when they round");
        } else if (value.startsWith("-") && PLAIN_DECIMAL.matcher(value.substring(1)).matches()) {
            reasons.add(column + " must not be negative: '" + value + "'");
        } else {
            reasons.add(column + " '" + shorten(value) + "' is not a plain decimal number");
        }
        return null;
    }

    /**
     * The line a record starts on. The parser reports the line it ended on; a quoted note may span
     * lines, so its line breaks are counted back.
     */
    private static int firstLineOf(CSVRecord record, CSVParser parser) {
        int breaks = 0;
        for (String value : record) {
            Matcher m = LINE_BREAK.matcher(value);
            while (m.find()) {
                breaks++;
            }
        }
        return (int) parser.getCurrentLineNumber() - breaks;
    }

    private static Reader skipByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static String readFailure(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof CharacterCodingException) {
            return "the file is not UTF-8 text";
        }
        return "the file is not valid CSV: " + cause.getMessage();
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
