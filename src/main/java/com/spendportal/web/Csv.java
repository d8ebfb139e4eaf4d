package com.spendportal.web;

import java.io.Flushable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV for people's spreadsheets (DESIGN §7): RFC 4180, comma, CRLF, a header row; Commons
 * CSV does the quoting. The caller owns {@code out} and writes it as UTF-8.
 *
 * <p>A text cell starting with {@code = + - @}, tab or CR gets a leading {@code '} so a spreadsheet
 * shows it instead of running it as a formula. Numbers are never prefixed: a {@link BigDecimal} is
 * written as a plain decimal ({@code -1750.00}, never {@code 1.2E+6}), with no {@code $} or
 * thousands separator. Null is an empty cell.
 */
public final class Csv implements Flushable {

    private final CSVPrinter printer;

    private Csv(CSVPrinter printer) {
        this.printer = printer;
    }

    /** Starts a document on {@code out} with its header row. */
    public static Csv withHeader(Appendable out, List<String> header) throws IOException {
        Csv csv = new Csv(CSVFormat.RFC4180.print(out));
        csv.row(header.toArray());
        return csv;
    }

    public Csv row(Object... cells) throws IOException {
        List<String> values = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            values.add(cell(cell));
        }
        printer.printRecord(values);
        return this;
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    /** The text of one cell, defused if it is text that a spreadsheet would run. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Number) {
            throw new IllegalArgumentException("write amounts as BigDecimal, not " + value.getClass().getSimpleName());
        }
        String text = value.toString();
        return startsLikeFormula(text) ? "'" + text : text;
    }

    private static boolean startsLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
