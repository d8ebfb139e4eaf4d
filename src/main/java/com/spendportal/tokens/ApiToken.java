package com.spendportal.tokens;

import com.spendportal.audit.Audit;
import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A personal API token of one user (DESIGN §12): only the SHA-256 of the token is stored. A {@code read}
 * token may only GET; a {@code write} token may do whatever its owner's role allows.
 */
@Entity
@Table(name = "api_token")
public class ApiToken extends IdEntity {

    public static final String READ = "read";
    public static final String WRITE = "write";

    @Column(name = "user_id")
    public Long userId;

    public String name;

    public String scope;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The user's tokens that are not revoked, newest first (expired ones included, marked by expiresAt). */
    static List<ApiToken> listActive(long userId) {
        return list("userId = ?1 and revokedAt is null order by createdAt desc, id desc", userId);
    }

    static Optional<ApiToken> findActive(long userId, long id) {
        return find("id = ?1 and userId = ?2 and revokedAt is null", id, userId).firstResultOptional();
    }

    /** A token just created, with its value: the only moment the value exists outside the caller. */
    record Created(ApiToken token, String value) {
    }

    /** Creates a token for {@code userId}; its value is stored nowhere, so the caller shows it once. Call in a transaction. */
    static Created create(long userId, String name, String scope, Instant expiresAt, Instant now, Audit audit) {
        String value = TokenValues.generate();
        ApiToken token = new ApiToken();
        token.userId = userId;
        token.name = name;
        token.scope = scope;
        token.tokenHash = TokenValues.hash(value);
        token.createdAt = now;
        token.expiresAt = expiresAt;
        token.persist();
        audit.record("token.create", "token:" + token.id, Audit.detail().put("name", name).put("scope", scope)
                .put("expiresAt", expiresAt == null ? null : expiresAt.toString()));
        return new Created(token, value);
    }

    /** Ends the token at once: the next request with it gets 401. Call in a transaction. */
    void revoke(Instant now, Audit audit) {
        revokedAt = now;
        audit.record("token.revoke", "token:" + id, Audit.detail().put("name", name));
    }
}
