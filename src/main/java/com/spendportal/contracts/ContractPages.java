package com.spendportal.contracts;

import com.spendportal.accounts.Account;
import com.spendportal.statements.ContractModel;
import com.spendportal.statements.Tier;
import com.spendportal.web.Flash;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** The contract form: both models in one form, tier presets that fill the fields without JavaScript. */
@Path("/accounts/{id}/contract")
@Produces(MediaType.TEXT_HTML)
class ContractPages {

    @Inject
    ContractService contracts;

    @Inject
    SecurityIdentity identity;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(Account account, ContractInput form, String version,
                Map<String, String> errors, String conflict, List<Tier> tiers);
    }


    @GET
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance form(@RestPath long id) {
        Account account = Account.require(id);
        return Contract.findByAccount(account)
                .map(c -> Templates.edit(account, ContractInput.of(c.terms()), Integer.toString(c.version), Map.of(), null, tiers()))
                .orElseGet(() -> Templates.edit(account, ContractInput.empty(), "", Map.of(), null, tiers()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response save(@RestPath long id, @RestForm String model, @RestForm String startDate, @RestForm String termMonths,
            @RestForm String mmcUsd, @RestForm String contractRatePerSecond, @RestForm String includedSecondsPerMonth,
            @RestForm String includedUsdPerMonth, @RestForm String overageRatePerSecond, @RestForm String packageUsd,
            @RestForm String version, @RestForm String preset) {
        Account account = Account.require(id);
        ContractInput form = new ContractInput(model, startDate, termMonths, mmcUsd, contractRatePerSecond,
                includedSecondsPerMonth, includedUsdPerMonth, overageRatePerSecond, packageUsd);
        if (preset != null && !preset.isBlank()) {
            return Response.ok(Templates.edit(account, withPreset(form, preset), version, Map.of(), null, tiers())).build();
        }
        ContractInput.Result result = form.validate(true);
        if (!result.ok()) {
            return Response.status(400).entity(Templates.edit(account, form, version, result.errors(), null, tiers())).build();
        }
        try {
            contracts.save(account.id, result.terms(), parseVersion(version), identity.getPrincipal().getName());
        } catch (ContractService.ConflictException e) {
            return Response.status(409)
                    .entity(Templates.edit(account, form, e.currentVersion, Map.of(), e.getMessage(), tiers())).build();
        }
        return Flash.redirect("/accounts/" + account.id, "Contract terms saved.");
    }

    private static Integer parseVersion(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(version.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<Tier> tiers() {
        return List.of(Tier.values());
    }

    /** Fills the four tier fields from a published tier ("custom" clears them for free entry). */
    static ContractInput withPreset(ContractInput form, String preset) {
        if ("CUSTOM".equals(preset)) {
            return new ContractInput(ContractModel.USAGE_BASED.name(), form.startDate(), form.termMonths(), "", "", "", "", "", form.packageUsd());
        }
        Tier tier;
        try {
            tier = Tier.valueOf(preset);
        } catch (IllegalArgumentException e) {
            return form;
        }
        return new ContractInput(ContractModel.USAGE_BASED.name(), form.startDate(), form.termMonths(),
                tier.mmcUsd.toPlainString(), tier.contractRatePerSecond.toPlainString(),
                tier.includedSecondsPerMonth.toPlainString(), "", tier.overageRatePerSecond.toPlainString(), form.packageUsd());
    }
}
