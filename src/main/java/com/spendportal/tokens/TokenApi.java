package com.spendportal.tokens;

import com.spendportal.audit.Audit;
import com.spendportal.users.User;
import com.spendportal.web.ApiException;
import com.spendportal.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** The caller's own API tokens (DESIGN §12); the value of a token is in the answer to its creation only. */
@Path("/api/tokens")
@Tag(name = "Tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
class TokenApi {

    @Inject
    Audit audit;

    @Inject
    SecurityIdentity identity;

    @Schema(name = "Token")
    record TokenJson(long id, String name, String scope, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
        static TokenJson of(ApiToken token) {
            return new TokenJson(token.id, token.name, token.scope, token.createdAt, token.expiresAt, token.lastUsedAt);
        }
    }

    @Schema(name = "CreatedToken")
    record CreatedJson(long id, String name, String scope, String token, Instant createdAt, Instant expiresAt) {
    }

    static long ownerId(SecurityIdentity identity) {
        return User.findByUsername(identity.getPrincipal().getName()).orElseThrow().id;
    }

    @GET
    public List<TokenJson> list() {
        return ApiToken.listActive(ownerId(identity)).stream().map(TokenJson::of).toList();
    }

    @POST
    @Transactional
    @APIResponse(responseCode = "201", description = "Created; token, the value to send as Bearer, is in this answer only.",
            content = @Content(schema = @Schema(implementation = CreatedJson.class)))
    public Response create(TokenInput body) {
        if (body == null) {
            throw new ApiException(400, "invalid", "Send a JSON body {\"name\": ..., \"scope\": \"read\" or \"write\", \"expiresAt\": ...}.");
        }
        Instant now = Instant.now();
        Map<String, String> errors = body.validate(now, identity.hasRole(Roles.ADMIN));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        ApiToken.Created created = ApiToken.create(ownerId(identity), body.cleanName(), body.scope(), body.expiresAt(), now, audit);
        ApiToken token = created.token();
        return Response.created(URI.create("/api/tokens/" + token.id))
                .entity(new CreatedJson(token.id, token.name, token.scope, created.value(), token.createdAt, token.expiresAt))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @APIResponse(responseCode = "204", description = "Revoked: it stops working at once.")
    public Response revoke(@RestPath long id) {
        ApiToken token = ApiToken.findActive(ownerId(identity), id)
                .orElseThrow(() -> ApiException.notFound("You have no token with id " + id + "."));
        token.revoke(Instant.now(), audit);
        return Response.noContent().build();
    }
}
