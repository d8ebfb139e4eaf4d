package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.x contrast (at least 4.5:1 for normal text) of the text and background pairs the portal
 * actually draws, read from portal.css itself: its {@code :root} custom properties and the
 * {@code color} and {@code background} of the rules that use them.
 */
@Tag("h2-only") // no database: the stylesheet's colours
class ContrastTest {

    private static final Path CSS = Path.of("src", "main", "resources", "META-INF", "resources", "static", "portal.css");
    private static final double MINIMUM = 4.5;
    private static final Pattern VAR = Pattern.compile("var\\((--[a-z0-9-]+)\\)");
    private static final Pattern HEX = Pattern.compile("#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b");

    private static final Map<String, String> variables = new HashMap<>();
    /** Declarations of the top-level rules (outside @media), per single selector, later rules winning. */
    private static final Map<String, Map<String, String>> rules = new HashMap<>();

    @BeforeAll
    static void parse() throws IOException {
        String css = Files.readString(CSS).replaceAll("(?s)/\\*.*?\\*/", "");
        int depth = 0;
        int start = 0;
        String selector = null;
        for (int i = 0; i < css.length(); i++) {
            char c = css.charAt(i);
            if (c == '{') {
                if (depth == 0) {
                    selector = css.substring(start, i).trim();
                }
                depth++;
                start = i + 1;
            } else if (c == '}') {
                depth--;
                assertTrue(depth >= 0, "portal.css has an unmatched } at offset " + i);
                if (depth == 0 && selector != null && !selector.startsWith("@")) {
                    store(selector, css.substring(start, i));
                }
                start = i + 1;
            }
        }
        assertEquals(0, depth, "portal.css leaves a { open");
        rules.getOrDefault(":root", Map.of()).forEach((name, value) -> {
            if (name.startsWith("--")) {
                variables.put(name, value);
            }
        });
    }

    private static void store(String selectors, String block) {
        for (String selector : selectors.split(",")) {
            Map<String, String> declarations = rules.computeIfAbsent(selector.trim().replaceAll("\\s+", " "),
                    s -> new LinkedHashMap<>());
            for (String declaration : block.split(";")) {
                int colon = declaration.indexOf(':');
                if (colon > 0) {
                    declarations.put(declaration.substring(0, colon).trim(), declaration.substring(colon + 1).trim());
                }
            }
        }
    }

    @Test
    void everyTextColourOnItsBackgroundReachesFourAndAHalfToOne() {
        String page = background("body");
        String card = variable("--card");
        String text = color("body");
        String topbar = background(".topbar");
        Map<String, double[]> pairs = new LinkedHashMap<>();
        pairs.put("body text on the page background", pair(text, page));
        pairs.put("body text on a card", pair(text, card));
        pairs.put("muted text on a card", pair(color(".muted"), card));
        pairs.put("muted text on the page background", pair(color(".muted"), page));
        pairs.put("sub-heading on the page background", pair(color(".sub"), page));
        pairs.put("hint on a card", pair(color(".hint"), card));
        pairs.put("small note on a card", pair(color(".small-note"), card));
        pairs.put("KPI label on a card", pair(color(".kpi-label"), card));
        pairs.put("KPI note on a card", pair(color(".kpi-note"), card));
        pairs.put("footer on the page background", pair(color(".foot"), page));
        pairs.put("chart axis labels on a card", pair(declared(".axis", "fill"), card));
        pairs.put("table caption on a card", pair(color("caption"), card));
        pairs.put("table header text on the header background", pair(color("thead th"), background("thead th")));
        pairs.put("muted text in a table header", pair(color(".muted"), background("thead th")));
        pairs.put("muted text in the total row", pair(color(".muted"), background("tfoot td")));
        pairs.put("muted text in an info alert", pair(color(".muted"), background(".alert-info")));
        pairs.put("link on a card", pair(color("a"), card));
        pairs.put("link on the page background", pair(color("a"), page));
        pairs.put("link in an info alert", pair(color("a"), background(".alert-info")));
        pairs.put("white on the top bar", pair(color(".topbar"), topbar));
        pairs.put("brand on the top bar", pair(color(".brand"), topbar));
        pairs.put("top bar links", pair(color(".topbar nav a"), topbar));
        pairs.put("user name in the top bar", pair(color(".who"), topbar));
        pairs.put("button text on the button", pair(color("button"), background("button")));
        pairs.put("secondary button text", pair(color("button.secondary"), background("button.secondary")));
        pairs.put("danger button text", pair(color("button"), background("button.danger")));
        pairs.put("flash message", pair(color(".flash"), background(".flash")));
        pairs.put("field error on a card", pair(color(".error"), card));
        pairs.put("bad figure on a card", pair(color(".text-bad"), card));
        pairs.put("over-budget cell", pair(color("tr.over td.over-cell"), card));
        pairs.put("text in an exhausted month", pair(text, background("tr.exhausted td")));
        pairs.put("bad figure in an exhausted month", pair(color(".kpi.bad"), background("tr.exhausted td")));
        for (String alert : List.of(".alert-warn", ".alert-bad", ".alert-info")) {
            pairs.put("alert " + alert, pair(color(alert), background(alert)));
        }
        List<String> badges = rules.keySet().stream().filter(s -> s.matches("\\.badge-[a-z]+")).sorted().toList();
        assertTrue(badges.size() >= 6, "badge kinds found: " + badges);
        for (String badge : badges) {
            pairs.put("badge " + badge, pair(color(badge), background(badge)));
        }

        List<String> failures = new ArrayList<>();
        pairs.forEach((name, colours) -> {
            double ratio = contrast(colours[0], colours[1]);
            if (ratio < MINIMUM) {
                failures.add(String.format(Locale.ROOT, "%s: %.2f:1", name, ratio));
            }
        });
        assertTrue(failures.isEmpty(), "below " + MINIMUM + ":1\n" + String.join("\n", failures));
    }

    @Test
    void contrastFollowsTheWcagFormula() {
        assertEquals(21.0, contrast(luminanceOf("#000"), luminanceOf("#fff")), 1e-9);
        assertEquals(1.0, contrast(luminanceOf("#777777"), luminanceOf("#777777")), 1e-9);
        assertEquals(4.48, contrast(luminanceOf("#777777"), luminanceOf("#ffffff")), 0.01);
    }

    private static double[] pair(String foreground, String background) {
        return new double[] {luminanceOf(foreground), luminanceOf(background)};
    }

    private static String color(String selector) {
        return declared(selector, "color");
    }

    private static String background(String selector) {
        String value = rule(selector).get("background");
        if (value == null) {
            value = rule(selector).get("background-color");
        }
        assertTrue(value != null, selector + " declares no background");
        return resolve(value);
    }

    private static String declared(String selector, String property) {
        String value = rule(selector).get(property);
        assertTrue(value != null, selector + " declares no " + property);
        return resolve(value);
    }

    private static Map<String, String> rule(String selector) {
        Map<String, String> rule = rules.get(selector);
        assertTrue(rule != null, "portal.css has no rule for " + selector);
        return rule;
    }

    private static String variable(String name) {
        String value = variables.get(name);
        assertTrue(value != null, ":root defines no " + name);
        return resolve(value);
    }

    /** The first colour in a value, following var() through :root. */
    private static String resolve(String value) {
        Matcher var = VAR.matcher(value);
        Matcher hex = HEX.matcher(value);
        boolean hasVar = var.find();
        boolean hasHex = hex.find();
        if (hasVar && (!hasHex || var.start() < hex.start())) {
            return variable(var.group(1));
        }
        if (hasHex) {
            return hex.group();
        }
        throw new AssertionError("no colour in: " + value);
    }

    /** Relative luminance of an sRGB colour, WCAG 2.x. */
    static double luminanceOf(String hex) {
        String digits = hex.substring(1);
        if (digits.length() == 3) {
            digits = "" + digits.charAt(0) + digits.charAt(0) + digits.charAt(1) + digits.charAt(1)
                    + digits.charAt(2) + digits.charAt(2);
        }
        double r = linear(Integer.parseInt(digits.substring(0, 2), 16));
        double g = linear(Integer.parseInt(digits.substring(2, 4), 16));
        double b = linear(Integer.parseInt(digits.substring(4, 6), 16));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static double contrast(double a, double b) {
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }
}
