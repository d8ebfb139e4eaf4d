package com.spendportal.tokens;

import com.spendportal.audit.Audit;
import com.spendportal.web.Dates;
import com.spendportal.web.Flash;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Everyone manages their own API tokens here. A new token's value is in the answer to the form post
 * itself, not behind a redirect: a flash cookie or a URL would carry it further than this one page.
 */
@Path("/tokens")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
class TokenPages {

    @Inject
    Audit audit;

    @Inject
    SecurityIdentity identity;

    record NewTokenForm(String name, String scope, String expiresOn) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tokens(List<ApiToken> tokens, NewTokenForm form, Map<String, String> errors,
                ApiToken created, String createdValue);
    }

    private TemplateInstance page(NewTokenForm form, Map<String, String> errors, ApiToken created, String value) {
        return Templates.tokens(ApiToken.listActive(TokenApi.ownerId(identity)), form, errors, created, value);
    }

    @GET
    public TemplateInstance list() {
        return page(new NewTokenForm("", ApiToken.READ, ""), Map.of(), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response create(@RestForm String name, @RestForm String scope, @RestForm String expiresOn) {
        NewTokenForm form = new NewTokenForm(name, scope, expiresOn);
        Instant expiresAt = null;
        boolean badDate = false;
        if (expiresOn != null && !expiresOn.isBlank()) {
            LocalDate day = Dates.day(expiresOn);
            if (day == null) {
                badDate = true;
            } else {
                expiresAt = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
        TokenInput input = new TokenInput(name, scope, expiresAt);
        Instant now = Instant.now();
        Map<String, String> errors = input.validate(now, identity.hasRole(Roles.ADMIN));
        if (badDate) {
            errors.put("expiresAt", "A date as YYYY-MM-DD, or empty for a token that does not expire.");
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(page(form, errors, null, null)).build();
        }
        ApiToken.Created created = ApiToken.create(TokenApi.ownerId(identity), input.cleanName(), scope, expiresAt, now, audit);
        return Response.ok(page(new NewTokenForm("", ApiToken.READ, ""), Map.of(), created.token(), created.value())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/revoke")
    @Transactional
    public Response revoke(@RestPath long id) {
        ApiToken token = ApiToken.findActive(TokenApi.ownerId(identity), id).orElseThrow(NotFoundException::new);
        token.revoke(Instant.now(), audit);
        return Flash.redirect("/tokens", "Token " + token.name + " revoked: it no longer works.");
    }
}
