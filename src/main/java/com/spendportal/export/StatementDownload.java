package com.spendportal.export;

import com.spendportal.accounts.Account;
import com.spendportal.figures.AccountStatements;
import com.spendportal.statements.Statement;
import com.spendportal.statements.Statements;
import com.spendportal.web.ApiException;
import com.spendportal.web.Dates;
import com.spendportal.web.Downloads;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /accounts/{id}/statement.csv?asOf=}: the statement table as the page shows it, in raw decimals. */
@Path("/accounts/{id}/statement.csv")
class StatementDownload {

    @GET
    @Produces(Downloads.CSV)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response download(@RestPath long id, @RestQuery String asOf) throws IOException {
        Account.require(id);
        LocalDate day = Statements.asOf(asOf);
        if (day == null) {
            throw ApiException.invalid(Map.of("asOf", Dates.DAY_MESSAGE));
        }
        Statement statement = AccountStatements.forAccount(id, day)
                .orElseThrow(() -> new ApiException(404, "no_contract", "This account has no contract yet, so no statement."));
        return Downloads.csv("statement-" + id + "-" + day + ".csv", out -> StatementCsv.write(statement, out));
    }
}
