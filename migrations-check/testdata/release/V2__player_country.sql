-- 1.5.0: expand only; the previous release keeps working.
SET lock_timeout = '2s';
ALTER TABLE player ADD COLUMN country text NOT NULL DEFAULT 'MT';
ALTER TABLE wallet ADD CONSTRAINT wallet_balance_cap CHECK (balance_cents < 1000000000) NOT VALID;
