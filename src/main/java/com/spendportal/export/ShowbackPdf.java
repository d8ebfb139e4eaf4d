package com.spendportal.export;

import com.spendportal.costcentres.Showbacks;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.web.Pdf;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;

/**
 * A month's showback as a PDF (DESIGN §19), on the statement PDF's print stylesheet: per cost centre its spend, budget,
 * used percentage, projection (while the month is OPEN) and lines; the unassigned shares; the total. The figures are
 * formatted as the pages format them, so {@code pdftotext} reads each one as the page shows it.
 */
public final class ShowbackPdf {

    private ShowbackPdf() {
    }

    /**
     * What the document shows: {@code centres} (all of them, or the one of a centre's mail) and, for the whole month,
     * the unassigned shares and the total.
     */
    public record View(Showbacks.Month month, List<CentreMonth> centres, boolean whole, LocalDate asOf, Instant madeAt,
            String baseUrl) {

        public boolean open() {
            return month.showback().status().name().equals("OPEN");
        }

        public String folder(long accountId, String folderId) {
            return month.folderLabel(accountId, folderId);
        }

        /** At or over its budget. */
        public boolean over(CentreMonth centre) {
            return centre.budgetUsedPct() != null && centre.budgetUsedPct().compareTo(HUNDRED) >= 0;
        }

        /** Each centre's section, then (for the whole month) the unassigned one. */
        public List<Section> sections() {
            List<Section> sections = new ArrayList<>();
            centres.forEach(c -> sections.add(new Section(c.centre().name(), c, true)));
            if (whole) {
                sections.add(new Section("Unassigned", month.showback().unassigned(), false));
            }
            return sections;
        }
    }

    /** A titled part of the document: a centre's month or the unassigned shares. */
    public record Section(String title, CentreMonth month, boolean centre) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance showback(View view);
    }

    /** The whole month. */
    public static byte[] render(Showbacks.Month month, LocalDate asOf, Instant madeAt, String baseUrl) {
        return Pdf.render(Templates.showback(new View(month, month.showback().centres(), true, asOf, madeAt,
                baseUrl.replaceAll("/+$", ""))).render());
    }

    /** One centre's month. */
    public static byte[] render(Showbacks.Month month, CentreMonth centre, LocalDate asOf, Instant madeAt, String baseUrl) {
        return Pdf.render(Templates.showback(new View(month, List.of(centre), false, asOf, madeAt,
                baseUrl.replaceAll("/+$", ""))).render());
    }
}
