package com.spendportal.export;

import com.spendportal.figures.Overview;
import com.spendportal.figures.Overviews;
import com.spendportal.statements.Forecast;
import com.spendportal.statements.OpenMonthProjection;
import com.spendportal.statements.PackageMonth;
import com.spendportal.statements.UsageBasedMonth;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.web.Csv;
import com.spendportal.web.Downloads;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;

/** {@code GET /accounts.csv}: the dashboard, one line per account, in raw decimals. */
@Path("/accounts.csv")
class AccountsDownload {

    @Inject
    Overviews overviews;

    static final List<String> HEADER = List.of("account", "demo", "model", "start_date", "end_date", "attention", "alerts",
            "month", "used_seconds", "included_seconds", "utilization_pct", "projected_used_seconds",
            "projected_overage_usd", "projected_total_usd", "remaining_usd", "consumed_pct", "months_of_runway",
            "projected_exhaustion_month", "projected_unused_at_term_end_usd", "wallet_balance", "wallet_currency",
            "wallet_fetched_at");

    @GET
    @Produces(Downloads.CSV)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response download() {
        Overviews.Computed all = overviews.current();
        LocalDate today = all.day();
        return Downloads.csv("accounts-" + today + ".csv", out -> write(all.byAttention(), today, out));
    }

    private static void write(List<Overview> rows, LocalDate today, Writer out) throws IOException {
        Csv csv = Csv.withHeader(out, HEADER);
        for (Overview row : rows) {
            UsageBasedMonth open = row.summary() == null ? null : row.summary().openUsageMonth();
            OpenMonthProjection projection = row.statement() == null ? null : row.statement().projection();
            PackageMonth current = row.summary() == null ? null : row.summary().currentPackageMonth();
            Forecast forecast = row.statement() == null ? null : row.statement().forecast();
            WalletSnapshot wallet = row.latestSnapshot();
            csv.row(row.account().name, row.account().demo,
                    row.contract() == null ? null : row.contract().model,
                    row.contract() == null ? null : row.contract().startDate,
                    row.contract() == null ? null : row.contract().terms().endDate(),
                    row.attentionLabel(), String.join("; ", row.alerts()), today.toString().substring(0, 7),
                    open == null ? null : open.usedSeconds(), open == null ? null : open.includedSeconds(),
                    open == null ? null : open.utilizationPct(),
                    projection == null ? null : projection.projectedUsedSeconds(),
                    projection == null ? null : projection.projectedOverageUsd(),
                    projection == null ? null : projection.projectedTotalUsd(),
                    current == null ? null : current.remainingUsd(), current == null ? null : current.consumedPct(),
                    forecast == null ? null : forecast.monthsOfRunway(),
                    forecast == null ? null : forecast.projectedExhaustionMonth(),
                    forecast == null ? null : forecast.projectedUnusedAtTermEndUsd(),
                    wallet == null ? null : wallet.remainingBalance, wallet == null ? null : wallet.currency,
                    wallet == null ? null : wallet.fetchedAt);
        }
        csv.flush();
    }
}
