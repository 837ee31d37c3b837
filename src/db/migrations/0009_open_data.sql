-- Open data: the licence each agreement publishes its data under, and API
-- tokens for editors' integrations.

-- CC0-1.0 or CC-BY-4.0 (SPDX identifiers).
ALTER TABLE agreements ADD COLUMN licence TEXT NOT NULL DEFAULT 'CC0-1.0';

-- A token is shown once; only its hash is kept. Scoped to one agreement and
-- one role (editor: may write what an editor may; reader: reads as that
-- user would), revocable.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    -- editor | reader
    scope TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
