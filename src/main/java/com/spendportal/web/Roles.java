package com.spendportal.web;

/**
 * The two roles of DESIGN §9: {@code admin} changes anything, {@code viewer} reads and exports. On the
 * ground floor so that every feature can declare who may call it without importing the user entity.
 */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
