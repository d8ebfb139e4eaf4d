-- Users who sign in through the company's identity provider (DESIGN §13) have no password.
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE app_user ADD COLUMN sso BOOLEAN DEFAULT FALSE NOT NULL;
