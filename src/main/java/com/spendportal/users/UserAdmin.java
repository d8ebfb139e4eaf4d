package com.spendportal.users;

import com.spendportal.audit.Audit;
import com.spendportal.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rules for adding users and changing their role, password and access, the same for the users
 * page and the API. Each change ends the user's sessions where it must and goes into the audit
 * trail (a password only as the fact that it was reset). A refused change returns the reason and
 * changes nothing.
 */
@ApplicationScoped
public class UserAdmin {

    static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.VIEWER);

    @Inject
    SessionGuard sessions;

    @Inject
    SecurityIdentity identity;

    @Inject
    Audit audit;

    public static String target(User user) {
        return "user:" + user.id;
    }

    /** Per-field messages for a new user; empty when it can be added. */
    public Map<String, String> checkNew(String username, String password, String role) {
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
        return errors;
    }

    /** Adds a user who passed {@link #checkNew}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public User add(String username, String password, String role) {
        User user = User.create(username.strip(), password, role);
        audit.record("user.create", target(user), Audit.detail().put("user", user.username).put("role", role));
        return user;
    }

    /** Null when done, else why not. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String changeRole(User user, String role) {
        if (!ROLES.contains(role)) {
            return "Choose admin or viewer.";
        }
        if (Roles.ADMIN.equals(user.role) && !Roles.ADMIN.equals(role) && user.enabled && User.countAdmins() <= 1) {
            return "The portal needs at least one admin: make someone else admin first.";
        }
        if (!role.equals(user.role)) {
            audit.record("user.role", target(user), Audit.detail().put("user", user.username).change("role", user.role, role));
            user.role = role;
            sessions.endSessions(user);
        }
        return null;
    }

    /** Null when done, else why not. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String resetPassword(User user, String password) {
        String problem = user.sso ? "they sign in through single sign-on and have no password here."
                : Passwords.problem(password);
        if (problem != null) {
            return problem;
        }
        user.changePassword(password);
        sessions.endSessions(user);
        audit.record("user.password", target(user), Audit.detail().put("user", user.username));
        return null;
    }

    /** Null when done, else why not. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String setEnabled(User user, boolean enable) {
        if (!enable && user.username.equals(identity.getPrincipal().getName())) {
            return "You cannot disable yourself.";
        }
        if (!enable && Roles.ADMIN.equals(user.role) && User.countAdmins() <= 1) {
            return "The portal needs at least one enabled admin.";
        }
        if (user.enabled != enable) {
            user.enabled = enable;
            audit.record(enable ? "user.enable" : "user.disable", target(user), Audit.detail().put("user", user.username));
            sessions.endSessions(user);
        }
        return null;
    }
}
