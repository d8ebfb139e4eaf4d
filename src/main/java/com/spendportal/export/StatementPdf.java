package com.spendportal.export;

import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Statement;
import com.spendportal.web.Pdf;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A statement as a PDF (DESIGN §16): its own Qute template (XHTML with print CSS, A4 landscape, page numbers) laid
 * out by {@link Pdf}, formatted by the same template extensions as the page, so {@code pdftotext} reads each figure
 * exactly as the page shows it.
 */
public final class StatementPdf {

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
        return Pdf.render(Templates.statement(heading.accountName(), heading.terms(), statement, heading.asOf(),
                heading.madeAt(), heading.baseUrl().replaceAll("/+$", ""), heading.toleranceUsd()).render());
    }
}
