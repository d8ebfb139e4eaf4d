package com.spendportal.export;

import com.spendportal.accounts.Account;
import com.spendportal.figures.AccountStatements;
import com.spendportal.contracts.Contract;
import com.spendportal.invoices.Invoice;
import com.spendportal.statements.Statement;
import com.spendportal.statements.Statements;
import com.spendportal.web.Roles;
import com.spendportal.web.ApiException;
import com.spendportal.web.PortalConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /accounts/{id}/statement.pdf?asOf=}: the statement to file, with the same figures as the page and the CSV. */
@Path("/accounts/{id}/statement.pdf")
class StatementPdfDownload {

    static final String PDF = "application/pdf";

    @Inject
    PortalConfig config;

    @GET
    @Produces(PDF)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response download(@RestPath long id, @RestQuery String asOf) {
        Account account = Account.require(id);
        LocalDate day = Statements.asOf(asOf);
        if (day == null) {
            throw new ApiException(400, "invalid", "asOf must be a date written YYYY-MM-DD.");
        }
        Contract contract = Contract.findByAccountId(id)
                .orElseThrow(() -> new ApiException(404, "no_contract", "This account has no contract yet, so no statement."));
        Statement statement = AccountStatements.forAccount(id, day).orElseThrow();
        byte[] pdf = StatementPdf.render(new StatementPdf.Heading(account.name, contract.terms(), day, Instant.now(),
                config.baseUrl(), Invoice.toleranceUsd()), statement);
        return Response.ok(pdf, PDF)
                .header("Content-Disposition", "attachment; filename=\"statement-" + id + "-" + day + ".pdf\"")
                .build();
    }
}
