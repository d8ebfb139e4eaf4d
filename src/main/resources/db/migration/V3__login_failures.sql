-- Failed logins per username, shared by every instance on the database (DESIGN §9, §10), so N
-- instances do not give N times the tries. The name is kept as a SHA-256 of its lowercase form: the
-- table tells nobody which names were tried.
CREATE TABLE login_failure (
    name_hash        VARCHAR(64)              NOT NULL PRIMARY KEY,
    failures         INTEGER                  NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE,
    last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_login_failure_last ON login_failure (last_failure_at);
