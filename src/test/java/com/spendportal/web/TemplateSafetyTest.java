package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Qute escapes text and quoted attributes only (DESIGN §9). This scan fails on the template
 * patterns that would let stored text run: raw/safe output, an unquoted attribute holding an
 * expression, an expression inside a script or an on* handler, and an href built from data.
 */
@Tag("h2-only") // no database: a scan of the template files
class TemplateSafetyTest {

    private static final Path TEMPLATES = Path.of("src", "main", "resources", "templates");
    private static final Pattern RAW = Pattern.compile("\\{[^}]*(\\.raw|\\.safe|\\|\\s*raw)\\b[^}]*}");
    private static final Pattern UNQUOTED = Pattern.compile("<[a-zA-Z][^>]*\\s[a-zA-Z-]+=\\{[^>]*>");
    private static final Pattern SCRIPT = Pattern.compile("<script[^>]*>[\\s\\S]*?</script>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    /** An href may only be a literal path, optionally with ids or dates in it, never a stored URL. */
    private static final Pattern HREF = Pattern.compile("href=\"\\{");
    /**
     * A mail's links must be absolute, so there an href may start with the operator's
     * {@code portal.base-url} (never stored data), followed by a literal path.
     */
    private static final Pattern MAIL_HREF = Pattern.compile("href=\"\\{(?!baseUrl}/)");
    /** Qute's own cache keeps each copy's data, not only its text (issue 27): parts are kept by {#cachedText}. */
    private static final Pattern QUTE_CACHED = Pattern.compile("\\{#cached[\\s}]");
    private static final List<Path> MAILS = List.of(TEMPLATES.resolve("MailSender"), TEMPLATES.resolve("StatementMails"),
            TEMPLATES.resolve("ShowbackMails"));

    @Test
    void noTemplateLetsStoredTextRun() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TEMPLATES)) {
            files = walk.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertTrue(files.size() > 5, "templates found: " + files.size());
        for (Path file : files) {
            String text = Files.readString(file);
            find(RAW, text, file, "raw/safe output", problems);
            find(UNQUOTED, text, file, "unquoted attribute with an expression", problems);
            find(HANDLER, text, file, "inline event handler", problems);
            find(QUTE_CACHED, text, file, "{#cached} (use {#cachedText})", problems);
            find(MAILS.stream().anyMatch(file::startsWith) ? MAIL_HREF : HREF, text, file, "href starting with an expression (no scheme check)",
                    problems);
            Matcher script = SCRIPT.matcher(text);
            while (script.find()) {
                if (script.group().contains("{")) {
                    problems.add(file + ": data inside <script>");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theScanCatchesWhatItLooksFor() {
        List<String> problems = new ArrayList<>();
        find(RAW, "<p>{account.name.raw}</p>", Path.of("x"), "raw", problems);
        find(UNQUOTED, "<a title={account.name}>", Path.of("x"), "unquoted", problems);
        find(HANDLER, "<a onclick=\"go()\">", Path.of("x"), "handler", problems);
        find(HREF, "<a href=\"{account.website}\">", Path.of("x"), "href", problems);
        find(MAIL_HREF, "<a href=\"{account.website}\">", Path.of("x"), "mail href", problems);
        find(MAIL_HREF, "<a href=\"{baseUrl}/accounts/{alert.accountId}\">", Path.of("x"), "mail link", problems);
        find(QUTE_CACHED, "{#cached key=page.key}x{/cached}", Path.of("x"), "cached", problems);
        find(QUTE_CACHED, "{#cachedText key=page.key}x{/cachedText}", Path.of("x"), "cachedText", problems);
        assertTrue(problems.size() == 6, problems.toString());
    }

    private static void find(Pattern pattern, String text, Path file, String what, List<String> problems) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int line = text.substring(0, m.start()).split("\n", -1).length;
            problems.add(file + ":" + line + ": " + what + ": " + m.group());
        }
    }
}
