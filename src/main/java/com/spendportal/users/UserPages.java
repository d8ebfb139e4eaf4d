package com.spendportal.users;

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
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** Admins add users, set their role, reset passwords and disable them. */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
class UserPages {

    @Inject
    SecurityIdentity identity;

    @Inject
    UserAdmin admin;

    record NewUserForm(String username, String role) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(List<User> users, NewUserForm form, Map<String, String> errors,
                String currentUser, String problem);
    }

    @GET
    public TemplateInstance list() {
        return page(new NewUserForm("", Roles.VIEWER), Map.of(), null);
    }

    private TemplateInstance page(NewUserForm form, Map<String, String> errors, String problem) {
        return Templates.users(User.listByName(), form, errors, identity.getPrincipal().getName(), problem);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response add(@RestForm String username, @RestForm String password, @RestForm String role) {
        Map<String, String> errors = admin.checkNew(username, password, role);
        if (!errors.isEmpty()) {
            return Response.status(400).entity(page(new NewUserForm(username, role), errors, null)).build();
        }
        User user = admin.add(username, password, role);
        return Flash.redirect("/users", "User " + user.username + " added as " + role + ".");
    }

    private static User find(long id) {
        User user = User.findById(id);
        if (user == null) {
            throw new NotFoundException();
        }
        return user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/role")
    @Transactional
    public Response role(@RestPath long id, @RestForm String role) {
        User user = find(id);
        String problem = admin.changeRole(user, role);
        if (problem != null) {
            return refused(problem);
        }
        return Flash.redirect("/users", user.username + " is now " + role + ".");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/password")
    @Transactional
    public Response password(@RestPath long id, @RestForm String password) {
        User user = find(id);
        String problem = admin.resetPassword(user, password);
        if (problem != null) {
            return refused("Password for " + user.username + " not changed: " + problem);
        }
        return Flash.redirect("/users", "Password of " + user.username + " reset.");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/enabled")
    @Transactional
    public Response enabled(@RestPath long id, @RestForm String enabled) {
        User user = find(id);
        boolean enable = "true".equals(enabled);
        String problem = admin.setEnabled(user, enable);
        if (problem != null) {
            return refused(problem);
        }
        return Flash.redirect("/users", user.username + (enable ? " can log in again." : " is disabled and logged out."));
    }

    private Response refused(String problem) {
        return Response.status(400).entity(page(new NewUserForm("", Roles.VIEWER), Map.of(), problem)).build();
    }
}
