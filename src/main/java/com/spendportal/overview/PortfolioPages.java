package com.spendportal.overview;

import com.spendportal.plan.PlanOption;
import com.spendportal.web.Csv;
import com.spendportal.web.Downloads;
import com.spendportal.web.Pages;
import com.spendportal.web.Pdf;
import com.spendportal.web.PortalConfig;
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
import java.time.Instant;
import java.util.List;

/**
 * The portfolio plan (DESIGN §14): {@code /plan}, every account's recommendation and saving, {@code /plan.csv} and
 * {@code /plan.pdf} (DESIGN §16).
 */
@Path("/")
class PortfolioPages {

    @Inject
    AccountPlans plans;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance portfolio(AccountPlans.Portfolio portfolio);

        static native TemplateInstance planPdf(AccountPlans.Portfolio portfolio, Instant madeAt, String baseUrl);
    }

    @Inject
    PortalConfig config;

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

    /** The portfolio plan to file (DESIGN §16): the page's figures, A4, with the day it was made. */
    @GET
    @Path("plan.pdf")
    @Produces(Pdf.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response pdf() {
        AccountPlans.Portfolio portfolio = plans.portfolio();
        byte[] pdf = Pdf.render(Templates.planPdf(portfolio, Instant.now(), config.baseUrl().replaceAll("/+$", "")).render());
        return Response.ok(pdf, Pdf.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"plan-" + portfolio.day() + ".pdf\"")
                .build();
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
