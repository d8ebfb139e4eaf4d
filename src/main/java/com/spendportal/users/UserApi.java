package com.spendportal.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.spendportal.web.ApiException;
import com.spendportal.web.PatchBody;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Users for admins, with the rules of the users page (DESIGN §12). A password is never in an answer. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Users")
class UserApi {

    private static final List<String> CHANGEABLE = List.of("role", "enabled", "password");

    @Inject
    UserAdmin admin;

    @Schema(name = "User")
    record UserJson(long id, String username, String role, boolean enabled, boolean sso, Instant createdAt) {
        static UserJson of(User user) {
            return new UserJson(user.id, user.username, user.role, user.enabled, user.sso, user.createdAt);
        }
    }

    record NewUser(String username, String password, @Schema(enumeration = { Roles.ADMIN, Roles.VIEWER }) String role) {
    }

    @Schema(description = "Any of the three; a refused one (the last admin, disabling yourself, a short password)"
            + " leaves all of them unchanged.")
    record UserChanges(@Schema(enumeration = { Roles.ADMIN, Roles.VIEWER }) String role, Boolean enabled, String password) {
    }

    @GET
    public List<UserJson> list() {
        return User.listByName().stream().map(UserJson::of).toList();
    }

    @GET
    @Path("{id}")
    public UserJson get(@RestPath long id) {
        return UserJson.of(find(id));
    }

    @POST
    @Transactional
    @APIResponse(responseCode = "201", description = "Created; Location is its address.",
            content = @Content(schema = @Schema(implementation = UserJson.class)))
    public Response create(NewUser body) {
        if (body == null) {
            throw new ApiException(400, "invalid", "Send {\"username\": ..., \"password\": ..., \"role\": \"admin\" or \"viewer\"}.");
        }
        Map<String, String> errors = admin.checkNew(body.username(), body.password(), body.role());
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        User user = admin.add(body.username(), body.password(), body.role());
        return Response.created(URI.create("/api/users/" + user.id)).entity(UserJson.of(user)).build();
    }

    /**
     * Changes any of {@code role}, {@code enabled} and {@code password}. A refused change rolls back
     * the others, so nothing is half done.
     */
    @PATCH
    @Path("{id}")
    @Transactional
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UserChanges.class)))
    public UserJson update(@RestPath long id, JsonNode body) {
        User user = find(id);
        Map<String, String> errors = PatchBody.check(body, CHANGEABLE);
        JsonNode role = body.get("role");
        JsonNode enabled = body.get("enabled");
        JsonNode password = body.get("password");
        if (role != null && !role.isTextual()) {
            errors.put("role", "Choose admin or viewer.");
        }
        if (enabled != null && !enabled.isBoolean()) {
            errors.put("enabled", "true or false.");
        }
        if (password != null && !password.isTextual()) {
            errors.put("password", "Must be text.");
        }
        if (errors.isEmpty() && role != null) {
            put(errors, "role", admin.changeRole(user, role.textValue()));
        }
        if (errors.isEmpty() && enabled != null) {
            put(errors, "enabled", admin.setEnabled(user, enabled.booleanValue()));
        }
        if (errors.isEmpty() && password != null) {
            put(errors, "password", admin.resetPassword(user, password.textValue()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return UserJson.of(user);
    }

    private static void put(Map<String, String> errors, String field, String problem) {
        if (problem != null) {
            errors.put(field, problem.substring(0, 1).toUpperCase() + problem.substring(1));
        }
    }

    private static User find(long id) {
        User user = User.findById(id);
        if (user == null) {
            throw ApiException.notFound("No user with id " + id + ".");
        }
        return user;
    }
}
