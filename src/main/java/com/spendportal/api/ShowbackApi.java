package com.spendportal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.spendportal.costcentres.ShowbackMonth;
import com.spendportal.costcentres.Showbacks;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.showback.ShowbackCalculator.Line;
import com.spendportal.showback.ShowbackCalculator.Showback;
import com.spendportal.statements.MonthStatus;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/showback?month=YYYY-MM}: who spent what in a month (DESIGN §19), every account's cost shared across
 * its folders by their job seconds, in whole cents, each share owned by a cost centre or unassigned. The same figures
 * as {@code /cost-centres}, {@code /showback.csv} and {@code /showback.pdf}.
 */
@Path("/api/showback")
@Tag(name = "Cost centres")
@Produces(MediaType.APPLICATION_JSON)
class ShowbackApi {

    @Inject
    Showbacks showbacks;

    @Schema(name = "ShowbackLine", description = "One account's folder and its share of the account's month cost.")
    record LineJson(long accountId, String accountName,
            @Schema(description = "HeyGen's folder id; \"\" for the jobs listed without a folder (and for an account"
                    + " without jobs that month, whose whole cost is that share)") String folderId,
            String folderName,
            @Schema(description = "The month's completed job seconds of the folder: its weight") BigDecimal jobSeconds,
            BigDecimal spendUsd) {

        static LineJson of(Line line, Showbacks.Month month) {
            return new LineJson(line.accountId(), line.accountName(), line.folderId(), month.folderLabel(line.accountId(),
                    line.folderId()), line.jobSeconds(), line.spendUsd());
        }
    }

    @Schema(name = "ShowbackCentre", description = "A cost centre's month: the sum of the shares it owns.",
            requiredProperties = { "id", "name", "spendUsd", "monthlyBudgetUsd", "budgetUsedPct", "lines" })
    record CentreJson(long id, String name, BigDecimal spendUsd,
            @Schema(description = "The month-end projection shared the same way; only while the month is OPEN")
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal projectedUsd,
            BigDecimal monthlyBudgetUsd,
            @Schema(description = "round1(spendUsd * 100 / monthlyBudgetUsd); null without a budget") BigDecimal budgetUsedPct,
            List<LineJson> lines) {
    }

    @Schema(name = "ShowbackUnassigned", description = "The shares no cost centre holds.",
            requiredProperties = { "spendUsd", "lines" })
    record UnassignedJson(BigDecimal spendUsd,
            @Schema(description = "Only while the month is OPEN") @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal projectedUsd,
            List<LineJson> lines) {
    }

    @Schema(name = "Showback", description = "A month's showback: the centres by name, each one's lines by account id"
            + " then folder id (the blank folder last), the unassigned shares, and the sum of every account's cost, which"
            + " the centres and the unassigned add up to.")
    record ShowbackJson(@Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$") YearMonth month,
            @Schema(description = "CLOSED, or OPEN for this month (its spend so far)") MonthStatus status,
            List<CentreJson> centres, UnassignedJson unassigned, BigDecimal totalUsd) {

        static ShowbackJson of(Showbacks.Month month) {
            Showback s = month.showback();
            List<CentreJson> centres = s.centres().stream().map(c -> new CentreJson(c.centre().id(), c.centre().name(),
                    c.spendUsd(), c.projectedUsd(), c.centre().monthlyBudgetUsd(), c.budgetUsedPct(), lines(c, month)))
                    .toList();
            CentreMonth u = s.unassigned();
            return new ShowbackJson(s.month(), s.status(), centres, new UnassignedJson(u.spendUsd(), u.projectedUsd(),
                    lines(u, month)), s.totalUsd());
        }

        private static List<LineJson> lines(CentreMonth centre, Showbacks.Month month) {
            return centre.lines().stream().map(l -> LineJson.of(l, month)).toList();
        }
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public ShowbackJson showback(@Parameter(description = "YYYY-MM; this month (UTC) when absent; not after this month",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$")) @RestQuery String month) {
        YearMonth asked = ShowbackMonth.parse(month);
        return ShowbackJson.of(showbacks.month(asked));
    }
}
