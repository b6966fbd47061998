-- Statistics queries group in SQL. The rows' keys are random, so on SQLite the rows of one month lie scattered over
-- the whole table, and reading them through a narrow index costs one random lookup each (seconds for a national
-- year). These two indexes cover every breakdown column, so a table is grouped from the index alone, read in order:
-- by region then month for a commission's own region, by month then region for national tables. The region-first
-- one supersedes V3's (region, month) index. Mechanism figures read referrals by region and creation time.
CREATE INDEX stats_screenings_region_month_all ON stats_screenings (region, month, level, age_band, gender,
    citizenship_group, questionnaire, dimensions, forms);
CREATE INDEX stats_screenings_month_region_all ON stats_screenings (month, region, level, age_band, gender,
    citizenship_group, questionnaire, dimensions, forms);
DROP INDEX stats_screenings_region_month;
CREATE INDEX referrals_region_created ON referrals (region, created_at);
