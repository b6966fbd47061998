-- Ruleset 2.0.0 placement facts of residential services: whom they take (gender, ages) and what kind of case they
-- serve (TRAFFICKING, DOMESTIC_VIOLENCE, GENERAL, comma-separated). NULL: no limit / serves every kind.
ALTER TABLE organisations ADD COLUMN takes_gender VARCHAR(10);
ALTER TABLE organisations ADD COLUMN min_age INTEGER;
ALTER TABLE organisations ADD COLUMN max_age INTEGER;
ALTER TABLE organisations ADD COLUMN serves VARCHAR(100);
