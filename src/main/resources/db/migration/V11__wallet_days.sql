-- Daily spend (DESIGN §15), kept current as readings arrive or are backfilled like wallet_month:
-- one row per known day; a day without a row is unknown.
CREATE TABLE wallet_day (
    account_id  BIGINT         NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    spend_day   DATE           NOT NULL,
    spend_usd   NUMERIC(18, 2) NOT NULL,
    pairs       INTEGER        NOT NULL,
    CONSTRAINT pk_wallet_day PRIMARY KEY (account_id, spend_day)
);
CREATE INDEX ix_wallet_day_day ON wallet_day (spend_day);

-- False for an account whose daily spend is still to be folded from readings stored before this
-- version (done once at start); accounts created from now on fold theirs as readings arrive.
ALTER TABLE account ADD COLUMN days_folded BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE account SET days_folded = TRUE WHERE NOT EXISTS (SELECT 1 FROM wallet_snapshot s WHERE s.account_id = account.id);
ALTER TABLE account ALTER COLUMN days_folded SET DEFAULT TRUE;

-- SPEND_SPIKE alerts are per day: the period is YYYY-MM-DD.
ALTER TABLE alert ALTER COLUMN period SET DATA TYPE VARCHAR(10);
