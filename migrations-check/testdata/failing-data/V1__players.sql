-- Released in 1.4.0
CREATE TABLE player (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO player (email) SELECT 'p' || g || '@example.test' FROM generate_series(1, 500) g;
