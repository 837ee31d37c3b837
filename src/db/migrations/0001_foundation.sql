-- The foundation: agreements, accounts, sessions, roles, the mail outbox,
-- rate limits and the accessibility statement. Timestamps are UTC text
-- (see db::timestamp); dates are 'YYYY-MM-DD'. Flags are BIGINT 0/1, as
-- sqlx's Any driver cannot decode SQLite booleans.

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    public_body TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    adopted_on TEXT,
    adopted_by TEXT NOT NULL DEFAULT '',
    signed_on TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    email_verified_at TEXT,
    language TEXT NOT NULL DEFAULT 'sv',
    is_admin BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

-- A user known through an OpenID Connect provider.
CREATE TABLE user_identities (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (issuer, subject)
);

-- An OpenID Connect login in progress: what the callback needs to finish it.
CREATE TABLE oidc_logins (
    state_hash TEXT PRIMARY KEY,
    pkce_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    next_path TEXT NOT NULL,
    link_user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
);

-- role: administrator | editor | member | representative
CREATE TABLE roles (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (user_id, agreement_id, role)
);

-- Only a hash of the session token is stored: a leaked table opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One-time tokens sent by e-mail. purpose: verify | reset | change_email
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX email_tokens_user ON email_tokens (user_id);

-- Fixed-window counters shared by all processes.
CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    hits BIGINT NOT NULL
);

-- Every e-mail is written here first and sent by a worker, so none is lost.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_until TEXT,
    sent_at TEXT,
    delivery TEXT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- The accessibility statement, one row, with the fields DIGG asks for.
CREATE TABLE accessibility_statement (
    id BIGINT PRIMARY KEY,
    organisation TEXT NOT NULL,
    website TEXT NOT NULL,
    compliance TEXT NOT NULL,
    non_accessible TEXT NOT NULL,
    disproportionate_burden TEXT NOT NULL,
    out_of_scope TEXT NOT NULL,
    assessment_method TEXT NOT NULL,
    prepared_on TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    response_time TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE accessibility_reports (
    id INTEGER PRIMARY KEY,
    page TEXT NOT NULL,
    description TEXT NOT NULL,
    reporter_email TEXT NOT NULL,
    created_at TEXT NOT NULL
);
