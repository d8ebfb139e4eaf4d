package com.spendportal.invoices;

import com.spendportal.web.Dates;
import com.spendportal.web.Decimals;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An invoice as an admin enters it, on the account page or through the API: the month (YYYY-MM),
 * the invoiced dollars (a non-negative decimal, up to 2 places) and an optional reference such as
 * the invoice number.
 */
public record InvoiceInput(String month, String invoicedUsd, String reference) {

    public static final int REFERENCE_MAX = 100;

    /** Field → message; empty when it will do. */
    public Map<String, String> validate(boolean lenientAmount) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (parsedMonth() == null) {
            errors.put("month", Dates.MONTH_MESSAGE);
        }
        Decimals.Parsed amount = Decimals.parse(invoicedUsd, 2, 12, true, lenientAmount);
        if (!amount.ok()) {
            errors.put("invoicedUsd", amount.error());
        }
        String ref = trimmedReference();
        if (ref != null && (ref.length() > REFERENCE_MAX || !printable(ref))) {
            errors.put("reference", "At most " + REFERENCE_MAX + " characters on one line.");
        }
        return errors;
    }

    /** The month, or null when it is not a real YYYY-MM month. */
    public YearMonth parsedMonth() {
        return Dates.month(month);
    }

    /** The amount with 2 decimals; call after {@link #validate}. */
    public BigDecimal amount(boolean lenientAmount) {
        return Decimals.parse(invoicedUsd, 2, 12, true, lenientAmount).value().setScale(2);
    }

    /** The reference, stripped; null when blank. */
    public String trimmedReference() {
        return reference == null || reference.isBlank() ? null : reference.strip();
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i)))) {
                return false;
            }
        }
        return true;
    }
}
