package com.spendportal.export;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Statement;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A statement as a PDF (DESIGN §16): its own Qute template (XHTML with print CSS, A4 landscape, page numbers) laid
 * out by openhtmltopdf on PDFBox. Every figure is text in an embedded font (DejaVu Sans Condensed, which has the
 * minus sign and dashes the page's formats use), formatted by the same template extensions as the page, so
 * {@code pdftotext} reads each one exactly as the page shows it.
 */
public final class StatementPdf {

    private static final String REGULAR = "/pdf/DejaVuSansCondensed.ttf";
    private static final String BOLD = "/pdf/DejaVuSansCondensed-Bold.ttf";
    private static final String FAMILY = "DejaVu Sans Condensed";
    private static final byte[] REGULAR_BYTES = resource(REGULAR);
    private static final byte[] BOLD_BYTES = resource(BOLD);
    /** Font metrics, parsed once for all renders (the fonts never change while the portal runs). */
    private static final FontMetrics METRICS = new FontMetrics();

    private StatementPdf() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance statement(String accountName, ContractTerms terms, Statement statement,
                LocalDate asOf, Instant madeAt, String baseUrl, BigDecimal toleranceUsd);
    }

    /** What one statement PDF shows besides the statement itself. */
    public record Heading(String accountName, ContractTerms terms, LocalDate asOf, Instant madeAt, String baseUrl,
            BigDecimal toleranceUsd) {
    }

    /** The PDF's bytes. */
    public static byte[] render(Heading heading, Statement statement) {
        String html = Templates.statement(heading.accountName(), heading.terms(), statement, heading.asOf(),
                heading.madeAt(), heading.baseUrl().replaceAll("/+$", ""), heading.toleranceUsd()).render();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, METRICS);
            builder.useFont(() -> new ByteArrayInputStream(REGULAR_BYTES), FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(BOLD_BYTES), FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(html, null);
            builder.withProducer("Spend Portal");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a statement PDF", e);
        }
        return out.toByteArray();
    }

    private static final class FontMetrics implements FSCacheEx<String, FSCacheValue> {
        private final Map<String, FSCacheValue> values = new ConcurrentHashMap<>();

        @Override
        public void put(String key, FSCacheValue value) {
            values.put(key, value);
        }

        @Override
        public FSCacheValue get(String key, Callable<? extends FSCacheValue> compute) {
            FSCacheValue value = values.get(key);
            if (value == null) {
                try {
                    value = compute.call();
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot read font metrics", e);
                }
                if (value != null) {
                    values.put(key, value);
                }
            }
            return value;
        }

        @Override
        public FSCacheValue get(String key) {
            return values.get(key);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = StatementPdf.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing font " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
