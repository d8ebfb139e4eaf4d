package com.spendportal.support;

import com.spendportal.users.User;
import com.spendportal.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Test users, created straight in the database. */
public final class Users {

    public static final String VIEWER = "viewer1";
    public static final String VIEWER_PASSWORD = "viewer-test-password";

    private Users() {
    }

    public static void ensureViewer() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (User.findByUsername(VIEWER).isEmpty()) {
                User.create(VIEWER, VIEWER_PASSWORD, Roles.VIEWER);
            }
        });
    }
}
