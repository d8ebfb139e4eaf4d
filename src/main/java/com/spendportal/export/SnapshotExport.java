package com.spendportal.export;

import com.spendportal.accounts.Account;
import com.spendportal.users.User;
import com.spendportal.wallet.WalletSnapshot;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /accounts/{id}/snapshots.csv}: the wallet history of one account, oldest first. */
@Path("/accounts/{id}/snapshots.csv")
class SnapshotExport {

    static final List<String> HEADER = List.of("fetched_at", "source", "billing_type", "currency", "remaining_balance",
            "auto_reload_enabled", "auto_reload_threshold_usd", "auto_reload_amount_usd", "spending_current_usd",
            "spending_cap_usd", "subscription_plan");

    @GET
    @Produces("text/csv")
    @RolesAllowed({User.ADMIN, User.VIEWER})
    public Response csv(@RestPath long id) throws IOException {
        Account.require(id);
        StringBuilder out = new StringBuilder();
        Csv csv = Csv.withHeader(out, HEADER);
        for (WalletSnapshot s : WalletSnapshot.listForAccount(id)) {
            csv.row(s.fetchedAt, s.source, s.billingType, s.currency, s.remainingBalance, s.autoReloadEnabled,
                    s.autoReloadThresholdUsd, s.autoReloadAmountUsd, s.spendingCurrentUsd, s.spendingCapUsd,
                    s.subscriptionPlan);
        }
        csv.flush();
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"wallet-snapshots-account-" + id + ".csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
