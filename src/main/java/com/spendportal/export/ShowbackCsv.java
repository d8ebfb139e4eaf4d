package com.spendportal.export;

import com.spendportal.costcentres.Showbacks;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.showback.ShowbackCalculator.Line;
import com.spendportal.web.Csv;
import java.io.IOException;
import java.util.List;

/**
 * The showback export (DESIGN §19): one row per cost centre, account and folder, the centres by name with their lines
 * by account id then folder id (the blank folder last), then the shares no centre holds under {@value #UNASSIGNED}.
 * The spend column adds up to the month's total; numbers are plain, text is defused as in every CSV of the portal.
 */
public final class ShowbackCsv {

    public static final String UNASSIGNED = "UNASSIGNED";
    static final List<String> HEADER = List.of("month", "cost_centre", "account_id", "account", "folder_id", "folder",
            "job_seconds", "spend_usd");

    private ShowbackCsv() {
    }

    /** Every centre's rows and the unassigned ones. */
    public static void write(Showbacks.Month month, Appendable out) throws IOException {
        Csv csv = Csv.withHeader(out, HEADER);
        for (CentreMonth centre : month.showback().centres()) {
            rows(csv, month, centre.centre().name(), centre);
        }
        rows(csv, month, UNASSIGNED, month.showback().unassigned());
        csv.flush();
    }

    /** One centre's rows only (its monthly mail). */
    public static void write(Showbacks.Month month, CentreMonth centre, Appendable out) throws IOException {
        Csv csv = Csv.withHeader(out, HEADER);
        rows(csv, month, centre.centre().name(), centre);
        csv.flush();
    }

    private static void rows(Csv csv, Showbacks.Month month, String owner, CentreMonth centre) throws IOException {
        for (Line l : centre.lines()) {
            csv.row(month.showback().month(), owner, l.accountId(), l.accountName(), l.folderId(),
                    month.folderLabel(l.accountId(), l.folderId()), l.jobSeconds(), l.spendUsd());
        }
    }
}
