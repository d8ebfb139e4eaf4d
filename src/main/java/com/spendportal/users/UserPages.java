package com.spendportal.users;

import com.spendportal.web.Flash;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** Admins add users, set their role, reset passwords and disable them. */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(User.ADMIN)
class UserPages {

    private static final Set<String> ROLES = Set.of(User.ADMIN, User.VIEWER);

    @Inject
    SecurityIdentity identity;

    @Inject
    SessionGuard sessions;

    record NewUserForm(String username, String role) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(List<User> users, NewUserForm form, Map<String, String> errors,
                String currentUser, String problem);
    }

    @GET
    public TemplateInstance list() {
        return page(new NewUserForm("", User.VIEWER), Map.of(), null);
    }

    private TemplateInstance page(NewUserForm form, Map<String, String> errors, String problem) {
        return Templates.users(User.listByName(), form, errors, identity.getPrincipal().getName(), problem);
    }

    @POST
    @Transactional
    public Response add(@RestForm String username, @RestForm String password, @RestForm String role) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._@-]{2,100}")) {
            errors.put("username", "2 to 100 letters, digits or . _ @ -");
        } else if (User.findByUsername(name).isPresent()) {
            errors.put("username", "That username is taken.");
        }
        String passwordProblem = Passwords.problem(password);
        if (passwordProblem != null) {
            errors.put("password", passwordProblem);
        }
        if (!ROLES.contains(role)) {
            errors.put("role", "Choose admin or viewer.");
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(page(new NewUserForm(username, role), errors, null)).build();
        }
        User.create(name, password, role);
        return Flash.redirect("/users", "User " + name + " added as " + role + ".");
    }

    private static User find(long id) {
        User user = User.findById(id);
        if (user == null) {
            throw new NotFoundException();
        }
        return user;
    }

    @POST
    @Path("{id}/role")
    @Transactional
    public Response role(@RestPath long id, @RestForm String role) {
        User user = find(id);
        if (!ROLES.contains(role)) {
            return Response.status(400).entity(page(new NewUserForm("", User.VIEWER), Map.of(), "Choose admin or viewer.")).build();
        }
        if (User.ADMIN.equals(user.role) && !User.ADMIN.equals(role) && user.enabled && User.countAdmins() <= 1) {
            return Response.status(400).entity(page(new NewUserForm("", User.VIEWER), Map.of(),
                    "The portal needs at least one admin: make someone else admin first.")).build();
        }
        user.role = role;
        sessions.endSessions(user);
        return Flash.redirect("/users", user.username + " is now " + role + ".");
    }

    @POST
    @Path("{id}/password")
    @Transactional
    public Response password(@RestPath long id, @RestForm String password) {
        User user = find(id);
        String problem = user.sso ? "they sign in through single sign-on and have no password here."
                : Passwords.problem(password);
        if (problem != null) {
            return Response.status(400).entity(page(new NewUserForm("", User.VIEWER), Map.of(),
                    "Password for " + user.username + " not changed: " + problem)).build();
        }
        user.changePassword(password);
        sessions.endSessions(user);
        return Flash.redirect("/users", "Password of " + user.username + " reset.");
    }

    @POST
    @Path("{id}/enabled")
    @Transactional
    public Response enabled(@RestPath long id, @RestForm String enabled) {
        User user = find(id);
        boolean enable = "true".equals(enabled);
        if (!enable && user.username.equals(identity.getPrincipal().getName())) {
            return Response.status(400).entity(page(new NewUserForm("", User.VIEWER), Map.of(),
                    "You cannot disable yourself.")).build();
        }
        if (!enable && User.ADMIN.equals(user.role) && User.countAdmins() <= 1) {
            return Response.status(400).entity(page(new NewUserForm("", User.VIEWER), Map.of(),
                    "The portal needs at least one enabled admin.")).build();
        }
        user.enabled = enable;
        sessions.endSessions(user);
        return Flash.redirect("/users", user.username + (enable ? " can log in again." : " is disabled and logged out."));
    }
}
