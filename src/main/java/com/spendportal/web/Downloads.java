package com.spendportal.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/** How every CSV leaves the portal: as an attachment that no cache keeps. */
public final class Downloads {

    private static final Logger LOG = Logger.getLogger(Downloads.class);

    public static final String CSV = "text/csv; charset=UTF-8";

    private Downloads() {
    }

    public static Response csv(String fileName, String body) {
        return attachment(fileName, body);
    }

    /**
     * A CSV written as it is produced: {@code body} gets a UTF-8 writer on the response and runs
     * when the response is sent, so a long export never sits whole in memory.
     */
    public static Response csv(String fileName, CsvBody body) {
        StreamingOutput output = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            try {
                body.write(writer);
                writer.flush();
            } catch (IOException | UncheckedIOException e) {
                // The client went away mid-download (closed the tab, a timeout): nothing the portal did wrong.
                LOG.debugf("Download of %s ended early: %s", fileName, e.getMessage());
            }
        };
        return attachment(fileName, output);
    }

    /** Writes a CSV document to a writer. */
    @FunctionalInterface
    public interface CsvBody {
        void write(Writer out) throws IOException;
    }

    private static Response attachment(String fileName, Object body) {
        return Response.ok(body, CSV)
                .header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .build();
    }
}
