package com.spendportal.tokens;

import com.spendportal.web.Via;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The owner of a token, with their role and the token's scope. A token of a disabled or deleted user, or one
 * revoked or expired, fails like an unknown one. This runs on every token request, so it is one indexed
 * query on the unique hash: plain JDBC, no Hibernate session, no bcrypt. {@code last_used_at} is written
 * at most once a {@link #LAST_USED_STEP} per token, by a conditional UPDATE that every instance shares.
 */
@ApplicationScoped
class TokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    /** Identity attribute of token callers: {@code read} or {@code write}. */
    static final String SCOPE = "portal.token-scope";

    static final Duration LAST_USED_STEP = Duration.ofMinutes(1);

    private static final String QUERY = "SELECT t.id, t.scope, t.expires_at, t.revoked_at, t.last_used_at,"
            + " u.username, u.role, u.enabled FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ?";
    private static final String TOUCH = "UPDATE api_token SET last_used_at = ? WHERE id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < ?)";

    @Inject
    DataSource dataSource;

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> identify(request.tokenHash, Instant.now()));
    }

    SecurityIdentity identify(String tokenHash, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            long id;
            String scope;
            String username;
            String role;
            OffsetDateTime lastUsed;
            try (PreparedStatement query = connection.prepareStatement(QUERY)) {
                query.setString(1, tokenHash);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next() || !row.getBoolean("enabled") || row.getObject("revoked_at", OffsetDateTime.class) != null) {
                        throw new AuthenticationFailedException();
                    }
                    OffsetDateTime expires = row.getObject("expires_at", OffsetDateTime.class);
                    if (expires != null && !now.isBefore(expires.toInstant())) {
                        throw new AuthenticationFailedException();
                    }
                    id = row.getLong("id");
                    scope = row.getString("scope");
                    username = row.getString("username");
                    role = row.getString("role");
                    lastUsed = row.getObject("last_used_at", OffsetDateTime.class);
                }
            }
            if (lastUsed == null || lastUsed.toInstant().isBefore(now.minus(LAST_USED_STEP))) {
                touch(connection, id, now);
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRole(role)
                    .addAttribute(Via.ATTRIBUTE, Via.TOKEN_PREFIX + id).addAttribute(SCOPE, scope).build();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the API token", e);
        }
    }

    private static void touch(Connection connection, long id, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(TOUCH)) {
            update.setObject(1, now.atOffset(ZoneOffset.UTC));
            update.setLong(2, id);
            update.setObject(3, now.minus(LAST_USED_STEP).atOffset(ZoneOffset.UTC));
            update.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }
}
