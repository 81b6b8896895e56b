CREATE TABLE virtual_keys (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  key_hash    TEXT NOT NULL UNIQUE,
  key_hint    TEXT NOT NULL,
  models      TEXT NOT NULL,
  metadata    TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT,
  revoked_at  BIGINT
);
