-- A single row that serialises audit appends across instances: UPDATE takes its row lock first.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
