package com.spendportal.export;

import com.spendportal.accounts.Account;
import com.spendportal.web.Csv;
import com.spendportal.web.Downloads;
import com.spendportal.web.Roles;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /accounts/{id}/snapshots.csv}: the wallet history of one account, oldest first. */
@Path("/accounts/{id}/snapshots.csv")
class SnapshotExport {

    static final List<String> HEADER = List.of("fetched_at", "source", "billing_type", "currency", "remaining_balance",
            "auto_reload_enabled", "auto_reload_threshold_usd", "auto_reload_amount_usd", "spending_current_usd",
            "spending_cap_usd", "subscription_plan");

    @GET
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response csv(@RestPath long id) {
        Account.require(id);
        return Downloads.csv("wallet-snapshots-account-" + id + ".csv",
                out -> QuarkusTransaction.requiringNew().run(() -> write(id, out)));
    }

    /** Writes row by row as the database hands them over; nothing is kept but the current row. */
    private static void write(long id, Writer out) {
        try (Stream<Object[]> rows = Panache.getEntityManager().createQuery("select s.fetchedAt, s.source,"
                + " s.billingType, s.currency, s.remainingBalance, s.autoReloadEnabled, s.autoReloadThresholdUsd,"
                + " s.autoReloadAmountUsd, s.spendingCurrentUsd, s.spendingCapUsd, s.subscriptionPlan"
                + " from WalletSnapshot s where s.accountId = ?1 order by s.fetchedAt, s.id", Object[].class)
                .setParameter(1, id).setHint("org.hibernate.fetchSize", 1000).getResultStream()) {
            Csv csv = Csv.withHeader(out, HEADER);
            for (Object[] row : (Iterable<Object[]>) rows::iterator) {
                csv.row(row);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
