CREATE INDEX CONCURRENTLY IF NOT EXISTS player_country_idx ON player (country);
