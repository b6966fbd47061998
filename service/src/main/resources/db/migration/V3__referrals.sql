-- The referral outbox: one row per recipient, holding only the signed-and-encrypted envelope. Delivery workers
-- claim rows (claimed_by / claimed_until) so that several instances share the work without double sending.
CREATE TABLE referrals (
    id                  VARCHAR(40)  PRIMARY KEY,
    screening_id        VARCHAR(40)  NOT NULL REFERENCES screenings (id),
    from_organisation   VARCHAR(64)  NOT NULL,
    recipient_id        VARCHAR(64)  NOT NULL REFERENCES organisations (id),
    recipient_type      VARCHAR(40)  NOT NULL,
    anonymised          INTEGER      NOT NULL,
    consent_overridden  INTEGER      NOT NULL,
    rule                VARCHAR(300) NOT NULL,
    level               VARCHAR(12)  NOT NULL,
    child               INTEGER      NOT NULL,
    region              VARCHAR(5)   NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    created_at          BIGINT       NOT NULL,
    due_by              BIGINT       NOT NULL,
    envelope            TEXT         NOT NULL,
    escalated_from      VARCHAR(40),
    attempts            INTEGER      NOT NULL,
    next_attempt_at     BIGINT,
    claimed_by          VARCHAR(80),
    claimed_until       BIGINT,
    delivered_at        BIGINT,
    acknowledged_at     BIGINT,
    decided_at          BIGINT,
    updated_at          BIGINT       NOT NULL
);
CREATE INDEX referrals_screening ON referrals (screening_id);
CREATE INDEX referrals_recipient ON referrals (recipient_id, created_at);
CREATE INDEX referrals_outbox ON referrals (state, next_attempt_at);

-- What happened to a referral, in order. "detail" names codes and ids, never case content.
CREATE TABLE referral_events (
    id           VARCHAR(40)  PRIMARY KEY,
    referral_id  VARCHAR(40)  NOT NULL REFERENCES referrals (id),
    at           BIGINT       NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    actor        VARCHAR(64)  NOT NULL,
    detail       VARCHAR(500)
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, at);

-- One de-identified row per screening: coarse dimensions only, no id, reference, exact age or date. The key is a
-- random 64-bit number (${rowkey}: INTEGER on SQLite, the rowid itself; BIGINT on PostgreSQL), so neither the key nor (on SQLite, where it is the rowid) the storage order follows insertion.
CREATE TABLE stats_screenings (
    id                 ${rowkey}    PRIMARY KEY,
    month              VARCHAR(7)   NOT NULL,
    region             VARCHAR(5)   NOT NULL,
    age_band           VARCHAR(8)   NOT NULL,
    gender             VARCHAR(8)   NOT NULL,
    citizenship_group  VARCHAR(8)   NOT NULL,
    questionnaire      VARCHAR(40)  NOT NULL,
    level              VARCHAR(12)  NOT NULL,
    dimensions         VARCHAR(100) NOT NULL,
    forms              VARCHAR(200) NOT NULL,
    referrals          INTEGER      NOT NULL
);
CREATE INDEX stats_screenings_region_month ON stats_screenings (region, month);
