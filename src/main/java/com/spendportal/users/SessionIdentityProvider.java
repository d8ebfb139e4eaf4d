package com.spendportal.users;

import com.spendportal.web.Via;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * Restores the user of a session cookie on every request from the database, so a disabled user
 * loses access at once, a role change applies to the next page, and a session ended on any instance
 * (logout, disabling, role change, password reset) is refused by every instance from then on.
 *
 * <p>This runs on every logged-in request, so it is one indexed query on the unique username and
 * nothing else: plain JDBC, no Hibernate session or request context around it.
 */
@ApplicationScoped
class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private static final String QUERY = "SELECT username, role, enabled, sessions_valid_after FROM app_user"
            + " WHERE username = ?";

    @Inject
    DataSource dataSource;

    @Inject
    SessionGuard sessions;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        // The session cookie must belong to the user whose login cookie SessionGuard accepted: otherwise
        // someone's kept (revoked) session cookie would pass with their own fresh login cookie.
        LoginCookie.Login login = SessionGuard.acceptedLogin(rc);
        Uni<SecurityIdentity> identity = login == null || !login.username().equals(request.getPrincipal())
                ? Uni.createFrom().failure(new AuthenticationFailedException())
                : context.runBlocking(() -> restore(login));
        return rc == null ? identity : identity.onFailure(AuthenticationFailedException.class).invoke(() -> sessions.forget(rc));
    }

    /** The user of a login, unless they were disabled or their sessions were ended after it. */
    SecurityIdentity restore(LoginCookie.Login login) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setString(1, login.username());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || !row.getBoolean("enabled")) {
                    throw new AuthenticationFailedException();
                }
                OffsetDateTime validAfter = row.getObject("sessions_valid_after", OffsetDateTime.class);
                if (validAfter != null && !login.at().isAfter(validAfter.toInstant())) {
                    throw new AuthenticationFailedException();
                }
                return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(row.getString("username")))
                        .addRole(row.getString("role")).addAttribute(Via.ATTRIBUTE, Via.PAGE).build();
            }
        } catch (SQLException e) {
            // an outage is an error page, not a refused session: the browser keeps its cookies
            throw new IllegalStateException("Cannot read the session's user", e);
        }
    }
}
