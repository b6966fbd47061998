-- Core schema: the same SQL runs on SQLite and PostgreSQL. Times are epoch milliseconds (UTC).
-- ${binary} is BLOB on SQLite and BYTEA on PostgreSQL.

CREATE TABLE organisations (
    id              VARCHAR(64) PRIMARY KEY,
    name            VARCHAR(300) NOT NULL,
    type            VARCHAR(40)  NOT NULL,
    region          VARCHAR(5)   NOT NULL,
    covered_regions VARCHAR(300) NOT NULL,
    takes_children  INTEGER      NOT NULL,
    takes_adults    INTEGER      NOT NULL,
    places          INTEGER,
    free_places     INTEGER,
    webhook_url     VARCHAR(500),
    created_at      BIGINT       NOT NULL
);

-- Recipient OpenPGP certificates; the newest ACTIVE one encrypts, RETIRED ones are kept for the record.
CREATE TABLE organisation_keys (
    fingerprint     VARCHAR(64)  PRIMARY KEY,
    organisation_id VARCHAR(64)  NOT NULL REFERENCES organisations (id),
    certificate     TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    expires_at      BIGINT,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX organisation_keys_org ON organisation_keys (organisation_id, status);

CREATE TABLE users (
    username        VARCHAR(64)  PRIMARY KEY,
    password_hash   VARCHAR(300) NOT NULL,
    role            VARCHAR(20)  NOT NULL,
    organisation_id VARCHAR(64)  REFERENCES organisations (id),
    created_at      BIGINT       NOT NULL
);

-- Case content lives only in "content", sealed (AES-256-GCM) under "data_key", a per-screening key wrapped by the
-- key-encryption key. Deleting data_key crypto-shreds the content. The other columns hold no identifying data.
CREATE TABLE screenings (
    id                    VARCHAR(40)  PRIMARY KEY,
    organisation_id       VARCHAR(64)  NOT NULL REFERENCES organisations (id),
    created_by            VARCHAR(64)  NOT NULL,
    created_at            BIGINT       NOT NULL,
    questionnaire_id      VARCHAR(40)  NOT NULL,
    questionnaire_version INTEGER      NOT NULL,
    ruleset_version       VARCHAR(20)  NOT NULL,
    level                 VARCHAR(12)  NOT NULL,
    assessment_json       TEXT         NOT NULL,
    content               ${binary},
    data_key              ${binary},
    shredded_at           BIGINT,
    idempotency_key       VARCHAR(200),
    request_hash          VARCHAR(64),
    response_json         TEXT
);
CREATE UNIQUE INDEX screenings_idempotency ON screenings (organisation_id, created_by, idempotency_key);
CREATE INDEX screenings_org ON screenings (organisation_id, created_at);

-- Tamper-evident audit log: each entry's hash covers the previous entry's hash.
CREATE TABLE audit_log (
    seq        BIGINT       PRIMARY KEY,
    at         BIGINT       NOT NULL,
    actor      VARCHAR(64)  NOT NULL,
    action     VARCHAR(60)  NOT NULL,
    target     VARCHAR(120),
    detail     VARCHAR(500),
    prev_hash  VARCHAR(64)  NOT NULL,
    hash       VARCHAR(64)  NOT NULL
);
