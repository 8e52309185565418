-- Released in 1.4.0
SET lock_timeout = '2s';
CREATE TABLE wallet (
  player_id bigint PRIMARY KEY REFERENCES player (id),
  balance_cents bigint NOT NULL DEFAULT 0 CHECK (balance_cents >= 0)
);
INSERT INTO wallet (player_id, balance_cents) SELECT id, id * 100 FROM player;
