CREATE OR REPLACE VIEW player_summary AS
SELECT p.id, p.email, p.country, w.balance_cents
FROM player p JOIN wallet w ON w.player_id = p.id;
