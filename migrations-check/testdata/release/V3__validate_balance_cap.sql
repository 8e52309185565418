SET lock_timeout = '2s';
ALTER TABLE wallet VALIDATE CONSTRAINT wallet_balance_cap;
