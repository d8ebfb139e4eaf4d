package com.spendportal.web;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * How a caller came in, kept on the {@link SecurityIdentity} as the attribute {@value #ATTRIBUTE} for the
 * audit trail: {@value #PAGE} (the login form and its session), {@value #BASIC} (HTTP Basic) or
 * {@code token:<id>} (a personal API token).
 */
public final class Via {

    public static final String ATTRIBUTE = "portal.via";
    public static final String PAGE = "page";
    public static final String BASIC = "basic";
    public static final String TOKEN_PREFIX = "token:";
    /** Signing in through the identity provider, before the portal's own session exists. */
    public static final String SSO = "sso";

    private Via() {
    }

    /** The way {@code identity} came in, or null when anonymous. */
    public static String of(SecurityIdentity identity) {
        return identity.getAttribute(ATTRIBUTE);
    }
}
