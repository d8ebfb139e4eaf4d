-- Per-month wallet figures (DESIGN §5, §10), kept current as readings arrive or are backfilled, so
-- that no page reads every reading.
CREATE TABLE wallet_month (
    account_id        BIGINT         NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    wallet_month      VARCHAR(7)     NOT NULL,
    readings          INTEGER        NOT NULL,
    balance_pairs     INTEGER        NOT NULL,
    drawdown_usd      NUMERIC(18, 2) NOT NULL,
    top_ups_usd       NUMERIC(18, 2) NOT NULL,
    last_balance_usd  NUMERIC(18, 2),
    CONSTRAINT pk_wallet_month PRIMARY KEY (account_id, wallet_month)
);

-- The account's latest reading (by time, then storage order); null until it has one.
ALTER TABLE account ADD COLUMN latest_snapshot_id BIGINT;
-- Moved on by every change to the account's contract, usage or readings: the key of its cached statement.
ALTER TABLE account ADD COLUMN figures_version BIGINT DEFAULT 0 NOT NULL;

-- Bumped by every change that a computed figure depends on, so a cache of them (on any instance)
-- knows when to recompute.
CREATE TABLE data_version (
    id       INTEGER NOT NULL PRIMARY KEY,
    version  BIGINT  NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);

-- Readings arrive by the ten thousand in a backfill: hand out their ids in larger blocks (H2 wrote
-- its sequence back every 32 values, a fifth of a backfill's time; a crash only skips ids).
ALTER TABLE wallet_snapshot ALTER COLUMN id SET CACHE 1000;
