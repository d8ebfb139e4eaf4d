package com.spendportal.users;

import com.spendportal.web.CsrfCookie;
import com.spendportal.web.Via;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Checks a username and password (the login form and HTTP Basic on /api) against the bcrypt hash
 * of an enabled user. Every failure looks the same from outside, whether the user is unknown,
 * disabled, the password wrong or the username locked by {@link LoginThrottle}.
 */
@ApplicationScoped
class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Compared against when the user does not exist, so an unknown name costs as long as a known one (same cost). */
    private static final String DUMMY_HASH = Passwords.hash("no such user: constant-time padding");

    @Inject
    LoginThrottle throttle;

    @Inject
    CsrfCookie csrf;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String authorization = rc == null ? null : rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        String via = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) ? Via.BASIC : Via.PAGE;
        if (via.equals(Via.PAGE) && rc != null && !csrf.formMatchesCookie(rc.request())) {
            // Login CSRF: a form posted from elsewhere (or without the login page's token) signs no one in.
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return context.runBlocking(() -> check(request.getUsername(), new String(request.getPassword().getPassword()), via));
    }

    @ActivateRequestContext
    SecurityIdentity check(String username, String password, String via) {
        Instant now = Instant.now();
        if (throttle.isLocked(username, now)) {
            throw new AuthenticationFailedException();
        }
        User user = User.findByUsername(username).orElse(null);
        boolean tooLong = password.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_BYTES;
        // SSO users have no password: they are compared against the dummy hash, which nothing matches
        boolean hasPassword = user != null && !user.sso && user.passwordHash != null;
        boolean matches = BcryptUtil.matches(password, hasPassword ? user.passwordHash : DUMMY_HASH) && hasPassword;
        if (user == null || !user.enabled || tooLong || !matches) {
            throttle.failed(username, now);
            throw new AuthenticationFailedException();
        }
        throttle.succeeded(username);
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.username)).addRole(user.role)
                .addAttribute(Via.ATTRIBUTE, via).build();
    }
}
