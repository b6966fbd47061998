-- Statistics queries group in SQL. A region's table reads the (region, month) index of V3; the national table
-- (all regions, a month range) reads this one; mechanism figures read referrals by region and creation time.
CREATE INDEX stats_screenings_month_region ON stats_screenings (month, region);
CREATE INDEX referrals_region_created ON referrals (region, created_at);
