-- Tournaments for the lobby. Additive only: 1.4.0 keeps working against this schema.
-- (A comment mentioning DROP TABLE players must not count.)
CREATE TABLE tournaments (
  id          bigserial PRIMARY KEY,
  game_id     text        NOT NULL,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  prize_pool  numeric(18, 2) NOT NULL DEFAULT 0,
  CHECK (ends_at > starts_at)
);

ALTER TABLE players ADD COLUMN tournament_opt_in boolean NOT NULL DEFAULT false;
ALTER TABLE wallets DROP CONSTRAINT IF EXISTS wallets_balance_check;
ALTER TABLE wallets ALTER COLUMN currency DROP DEFAULT;
COMMENT ON TABLE tournaments IS 'ALTER TABLE players DROP COLUMN email is not run here';
CREATE INDEX CONCURRENTLY tournaments_game_idx ON tournaments (game_id);
