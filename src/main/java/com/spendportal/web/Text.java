package com.spendportal.web;

/**
 * The rule for stored text (DESIGN §9): no control characters (C0, DEL, C1) and no lone surrogates; a note may keep
 * its line breaks and tabs. Names, addresses and URLs are one line.
 */
public final class Text {

    /** The message beside a field that holds such a character. */
    public static final String CONTROL_MESSAGE = "Remove the control characters (such as a line break, tab or NUL).";

    private Text() {
    }

    /** True when {@code value} is fit to store as one line; null counts as fit (the caller checks presence). */
    public static boolean oneLine(String value) {
        return clean(value, false);
    }

    /** True when {@code value} is fit to store as a note: line breaks and tabs allowed. */
    public static boolean note(String value) {
        return clean(value, true);
    }

    private static boolean clean(String value, boolean lineBreaks) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            } else if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                if (!(lineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
                    return false;
                }
            }
        }
        return true;
    }
}
