-- Accounts (issue 15): the contact details a referral names, whether the account may sign in, and its one-time
-- password state. Existing rows (demo users) stay enabled and need no password change.
ALTER TABLE users ADD COLUMN display_name VARCHAR(200);
ALTER TABLE users ADD COLUMN phone VARCHAR(40);
ALTER TABLE users ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
-- 1 while the password is a one-time password an administrator had issued: it signs in only to change it.
ALTER TABLE users ADD COLUMN password_change_required INTEGER NOT NULL DEFAULT 0;
-- When a one-time password stops working (NULL: the password does not expire).
ALTER TABLE users ADD COLUMN password_expires_at BIGINT;
ALTER TABLE users ADD COLUMN updated_at BIGINT;
-- The subject an OpenID Connect provider knows this account by (pre-provisioned by an administrator).
ALTER TABLE users ADD COLUMN external_subject VARCHAR(255);
CREATE UNIQUE INDEX users_external_subject ON users (external_subject);

-- Every bearer token the service issued, and every external token signed out, until it expires: a token whose
-- row is missing (ours) or revoked is refused, on every instance that shares the database.
CREATE TABLE auth_tokens (
    token_id   VARCHAR(200) PRIMARY KEY,
    username   VARCHAR(64)  NOT NULL,
    expires_at BIGINT       NOT NULL,
    revoked    INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX auth_tokens_user ON auth_tokens (username, expires_at);
CREATE INDEX auth_tokens_expiry ON auth_tokens (expires_at);

-- Browser sessions of the web pages. Only the SHA-256 of the cookie value is stored; "id" is a separate random
-- handle that is safe to name in audit entries and pages.
CREATE TABLE web_sessions (
    id                       VARCHAR(64)  PRIMARY KEY,
    cookie_hash              VARCHAR(64)  NOT NULL UNIQUE,
    username                 VARCHAR(64)  NOT NULL,
    csrf_token               VARCHAR(64)  NOT NULL,
    created_at               BIGINT       NOT NULL,
    last_seen_at             BIGINT       NOT NULL,
    expires_at               BIGINT       NOT NULL,
    password_change_required INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX web_sessions_user ON web_sessions (username);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
