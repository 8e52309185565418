SET lock_timeout = '2s';
ALTER TABLE player ADD COLUMN nickname text;

ALTER TABLE player
  ADD COLUMN vip boolean DEFALT false;
