package com.spendportal.overview;

import com.spendportal.accounts.Account;
import com.spendportal.plan.Plan;
import com.spendportal.plan.PlanInputs;
import com.spendportal.statements.Statements;
import com.spendportal.web.Pages;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The plan page of an account (DESIGN §14), {@code /accounts/{id}/plan}: its inputs are a GET form, so that a plan is
 * a link to share.
 */
@Path("/accounts/{id}/plan")
class PlanPages {

    @Inject
    AccountPlans plans;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance plan(Account account, PlanInputs.Text form, Map<String, String> errors,
                PlanView view);

    }

    @GET
    @Produces(Pages.HTML)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response plan(@RestPath long id, @RestQuery String lookbackMonths, @RestQuery String growthPct,
            @RestQuery String packageRate, @RestQuery String packageSizes, @RestQuery String topUpRate,
            @RestQuery String asOf) {
        Account account = Account.findById(id);
        if (account == null) {
            throw new NotFoundException();
        }
        PlanInputs.Text form = new PlanInputs.Text(lookbackMonths, growthPct, packageRate, packageSizes, topUpRate, asOf);
        PlanInputs.Parsed parsed = PlanInputs.parse(form, Statements.today());
        if (!parsed.ok()) {
            return Response.status(400).entity(Pages.bytes(Templates.plan(account, form, parsed.errors(), null))).build();
        }
        Plan plan = plans.forAccount(id, parsed.inputs());
        return Response.ok(Pages.bytes(Templates.plan(account, form, Map.of(), PlanView.of(plan)))).build();
    }
}
