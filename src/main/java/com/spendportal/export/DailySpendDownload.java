package com.spendportal.export;

import com.spendportal.accounts.Account;
import com.spendportal.spend.DailySpend;
import com.spendportal.spend.SpendRange;
import com.spendportal.statements.Statements;
import com.spendportal.wallet.WalletDays;
import com.spendportal.web.ApiException;
import com.spendportal.web.Csv;
import com.spendportal.web.Downloads;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /accounts/{id}/daily-spend.csv?from&to}: the daily spend as the API gives it (DESIGN §15), one row per
 * day, oldest first; an unknown day has an empty spend, a day without a baseline empty median and threshold.
 */
@Path("/accounts/{id}/daily-spend.csv")
class DailySpendDownload {

    static final List<String> HEADER = List.of("day", "spend_usd", "median_usd", "threshold_usd", "spike");

    @Inject
    PortalConfig config;

    @GET
    @Produces(Downloads.CSV)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response download(@RestPath long id, @RestQuery String from, @RestQuery String to) throws IOException {
        Account.require(id);
        SpendRange.Parsed parsed = SpendRange.parse(from, to, Statements.today());
        if (parsed.range() == null) {
            throw ApiException.invalid(parsed.errors());
        }
        SpendRange range = parsed.range();
        List<DailySpend> days = WalletDays.figures(id, range.from(), range.to(), WalletDays.rule(config));
        StringBuilder body = new StringBuilder();
        write(days, body);
        return Downloads.csv("daily-spend-" + id + "-" + range.from() + "-" + range.to() + ".csv", body.toString());
    }

    static void write(List<DailySpend> days, Appendable out) throws IOException {
        Csv csv = Csv.withHeader(out, HEADER);
        for (DailySpend d : days) {
            csv.row(d.day(), d.spendUsd(), d.medianUsd(), d.thresholdUsd(), d.spike());
        }
        csv.flush();
    }
}
