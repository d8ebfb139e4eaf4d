package com.spendportal.users;

import com.spendportal.web.IdEntity;
import com.spendportal.web.Roles;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A person who may log in: {@code admin} changes anything, {@code viewer} reads and exports. */
@Entity
@Table(name = "app_user")
public class User extends IdEntity {

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    public String role;

    public boolean enabled;

    /** Signs in through the identity provider (DESIGN §13): no password, role set at every sign-in. */
    public boolean sso;

    /** The issue time of the id token of this SSO user's latest sign-in: an older token is a replay (DESIGN §13). */
    @Column(name = "sso_token_issued_at")
    public Instant ssoTokenIssuedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Sessions issued before this instant are no longer accepted. */
    @Column(name = "sessions_valid_after")
    public Instant sessionsValidAfter;

    public static Optional<User> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public static List<User> listByName() {
        return list("order by username");
    }

    public static long countAdmins() {
        return count("role = ?1 and enabled = true", Roles.ADMIN);
    }

    public static User create(String username, String password, String role) {
        User user = new User();
        user.username = username;
        user.passwordHash = Passwords.hash(password);
        user.role = role;
        user.enabled = true;
        user.createdAt = Instant.now();
        user.persist();
        return user;
    }

    /** A user of the identity provider, seen for the first time. */
    public static User createSso(String username, String role) {
        User user = new User();
        user.username = username;
        user.sso = true;
        user.role = role;
        user.enabled = true;
        user.createdAt = Instant.now();
        user.persist();
        return user;
    }

    public void changePassword(String password) {
        passwordHash = Passwords.hash(password);
    }
}
