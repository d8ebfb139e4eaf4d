-- Single sign-on replay (DESIGN §13): an id token makes at most one portal session. Each used token is kept here
-- (a SHA-256 of its issuer and jti, or of its nonce when it has no jti) until it expires, so that every instance
-- refuses it a second time; a replayed q_session cookie carries a used token.
CREATE TABLE sso_used_token (
    token_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_sso_used_token_expires ON sso_used_token (expires_at);

-- The issue time of the id token of a user's latest sign-in: the role never comes from an older token.
ALTER TABLE app_user ADD COLUMN sso_token_issued_at TIMESTAMP WITH TIME ZONE;
