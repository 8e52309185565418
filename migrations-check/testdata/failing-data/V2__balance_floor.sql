SET lock_timeout = '2s';
ALTER TABLE player ADD COLUMN nickname text;
-- every wallet must hold at least 1000 cents: existing rows do not
ALTER TABLE wallet
  ADD CONSTRAINT wallet_min_balance CHECK (balance_cents >= 1000);
