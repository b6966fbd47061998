-- Replay (RULESET-2.md §5), precomputed: for every stored ruleset-1 screening and each ruleset it is replayed under
-- (target_ruleset: a future 2.1 gets rows of its own), the level it had and the level it gets, whether anything of
-- its outcome changes (level, findings, recipient types) and, as JSON, both outcomes (levels, finding codes,
-- recipient types). Filled when a version-1 screening is stored and, for those stored before, by a background
-- backfill. The region (one of 28, as the statistics rows keep it) is the only fact about the person in clear:
-- the commission's table is grouped by it. target_level is NULL where the screening could not be replayed.
-- The same SQL runs on SQLite and PostgreSQL.
CREATE TABLE replay_outcomes (
    screening_id          VARCHAR(40)  NOT NULL REFERENCES screenings (id),
    target_ruleset        VARCHAR(20)  NOT NULL,
    organisation_id       VARCHAR(64)  NOT NULL,
    created_at            BIGINT       NOT NULL,
    region                VARCHAR(5)   NOT NULL,
    questionnaire_id      VARCHAR(40)  NOT NULL,
    questionnaire_version INTEGER      NOT NULL,
    source_level          VARCHAR(12)  NOT NULL,
    target_level          VARCHAR(12),
    changed               INTEGER      NOT NULL,
    outcome_json          TEXT,
    computed_at           BIGINT       NOT NULL,
    PRIMARY KEY (screening_id, target_ruleset)
);
-- The screener's list: an organisation's changed screenings in (created_at, screening_id) order, keyset-paged.
CREATE INDEX replay_outcomes_changed ON replay_outcomes (target_ruleset, organisation_id, changed, created_at,
    screening_id);
-- The commission's table, grouped from the index alone: by region, then period, then the two levels.
CREATE INDEX replay_outcomes_transitions ON replay_outcomes (target_ruleset, region, created_at, source_level,
    target_level);

-- Where the backfill of one target ruleset stands: it walks the screenings in id order after after_id ('' before
-- the first batch); pending is how many were left without a row when it last counted, less those done since.
CREATE TABLE replay_backfill (
    target_ruleset VARCHAR(20)  PRIMARY KEY,
    after_id       VARCHAR(40)  NOT NULL,
    pending        BIGINT       NOT NULL,
    done           INTEGER      NOT NULL,
    updated_at     BIGINT       NOT NULL
);
