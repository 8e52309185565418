-- The legacy bonus engine is gone in 1.5.0.
ALTER TABLE players RENAME COLUMN nickname TO display_name;
DROP TABLE IF EXISTS legacy_bonus_grants;
ALTER TABLE wallets DROP COLUMN legacy_bonus_balance;
