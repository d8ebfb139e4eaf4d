package com.spendportal.overview;

import com.spendportal.plan.PlanOption;
import com.spendportal.web.Csv;
import com.spendportal.web.Downloads;
import com.spendportal.web.Pages;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The portfolio plan (DESIGN §14): {@code /plan}, every account's recommendation and saving, and {@code /plan.csv}. */
@Path("/")
class PortfolioPages {

    @Inject
    AccountPlans plans;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance portfolio(AccountPlans.Portfolio portfolio);
    }

    @GET
    @Path("plan")
    @Produces(Pages.HTML)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public byte[] portfolio() {
        return Pages.bytes(Templates.portfolio(plans.portfolio()));
    }

    static final List<String> HEADER = List.of("account", "demo", "current_option", "current_expected_annual_usd",
            "recommended", "recommended_label", "recommended_expected_annual_usd", "saving_vs_current_usd", "p10_usd",
            "p50_usd", "p90_usd", "basis_months", "missing");

    @GET
    @Path("plan.csv")
    @Produces(Downloads.CSV)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response csv() {
        AccountPlans.Portfolio portfolio = plans.portfolio();
        return Downloads.csv("plan-" + portfolio.day() + ".csv", out -> write(portfolio, out));
    }

    static void write(AccountPlans.Portfolio portfolio, Writer out) throws IOException {
        Csv csv = Csv.withHeader(out, HEADER);
        for (AccountPlans.Line line : portfolio.lines()) {
            PlanOption current = line.current();
            PlanOption recommended = line.recommended();
            csv.row(line.name(), line.demo(), current == null ? null : current.key(),
                    current == null ? null : current.expectedAnnualUsd(), recommended == null ? null : recommended.key(),
                    recommended == null ? null : recommended.label(),
                    recommended == null ? null : recommended.expectedAnnualUsd(), line.savingUsd(),
                    recommended == null ? null : recommended.p10Usd(), recommended == null ? null : recommended.p50Usd(),
                    recommended == null ? null : recommended.p90Usd(), line.plan().basisMonths().size(),
                    line.plan().missing());
        }
        csv.row("TOTAL", null, null, portfolio.currentUsd(), null, null, portfolio.recommendedUsd(),
                portfolio.savingUsd(), null, null, null, null, null);
        csv.flush();
    }
}
