package com.spendportal.web;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * XHTML with print CSS (a Qute template of its own per document) laid out as a PDF by openhtmltopdf on PDFBox, for
 * the statement and plan PDFs of DESIGN §16. Every figure is text in an embedded font, DejaVu Sans Condensed (family
 * {@value #FAMILY}, regular and bold), which has the minus sign and dashes the pages' formats use, so
 * {@code pdftotext} reads each one exactly as the page shows it.
 */
public final class Pdf {

    public static final String FAMILY = "DejaVu Sans Condensed";
    public static final String MEDIA_TYPE = "application/pdf";
    private static final byte[] REGULAR = resource("/pdf/DejaVuSansCondensed.ttf");
    private static final byte[] BOLD = resource("/pdf/DejaVuSansCondensed-Bold.ttf");
    /** Font metrics, parsed once for all renders (the fonts never change while the portal runs). */
    private static final FontMetrics METRICS = new FontMetrics();

    static {
        XRLog.setLoggerImpl(new Warnings());
    }

    private Pdf() {
    }

    /**
     * How many PDFs are laid out at once ({@code portal.pdf.max-concurrent}, default 2): openhtmltopdf holds a
     * document's whole layout in memory (the plan of a thousand accounts takes tens of megabytes), and sixteen at once
     * ran a 512 MB heap out of memory under load. The others wait their turn, up to {@code portal.pdf.max-wait}.
     */
    private static final Gate RENDERS = new Gate(ConfigProvider.getConfig().getValue("portal.pdf.max-concurrent", Integer.class),
            ConfigProvider.getConfig().getValue("portal.pdf.max-wait", Duration.class));

    /** A PDF not made because others were being made for longer than {@code portal.pdf.max-wait}: try again later. */
    public static final class BusyException extends RuntimeException {
        BusyException(Duration waited) {
            super("other PDFs were being made for over " + waited.toSeconds() + " s", null, false, false);
        }
    }

    /** At most so many callers at once; the others wait in turn, up to a limit, then get a BusyException. */
    static final class Gate {
        private final Semaphore permits;
        private final Duration maxWait;

        Gate(int permits, Duration maxWait) {
            this.permits = new Semaphore(Math.max(1, permits), true);
            this.maxWait = maxWait;
        }

        <T> T through(Supplier<T> work) {
            try {
                if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new BusyException(maxWait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BusyException(maxWait);
            }
            try {
                return work.get();
            } finally {
                permits.release();
            }
        }
    }

    /** The PDF of a well-formed XHTML document, once one of the few PDFs being made at a time (else BusyException). */
    public static byte[] render(String xhtml) {
        return RENDERS.through(() -> layOut(xhtml));
    }

    private static byte[] layOut(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, METRICS);
            builder.useFont(() -> new ByteArrayInputStream(REGULAR), FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(BOLD), FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.withProducer("Spend Portal");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a PDF", e);
        }
        return out.toByteArray();
    }

    /**
     * openhtmltopdf's log into the portal's, warnings and worse only: by default it prints about eight INFO lines of
     * its own per document to the console (parsing times, fonts loaded), thousands for a month's statement mail.
     */
    private static final class Warnings implements XRLogger {

        private static boolean wanted(Level level) {
            return level.intValue() >= Level.WARNING.intValue();
        }

        @Override
        public void log(String where, Level level, String message) {
            log(where, level, message, null);
        }

        @Override
        public void log(String where, Level level, String message, Throwable error) {
            if (wanted(level)) {
                Logger.getLogger(where).log(level == Level.SEVERE ? Logger.Level.ERROR : Logger.Level.WARN, message, error);
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
            // the portal's log configuration decides
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return wanted(diagnostic.getLevel());
        }
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
        try (InputStream in = Pdf.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing font " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
