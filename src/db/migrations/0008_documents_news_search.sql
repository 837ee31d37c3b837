-- The document library, news and press releases, e-mail subscriptions, and
-- the change log that keeps every process's search index current.

-- A mail to a subscriber carries a one-click unsubscribe address (RFC 8058).
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    -- protokoll | anteckningar | handlingsplan | rapport | beslut | presentation | avtal | ovrigt
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- The document's own date, 'YYYY-MM-DD'.
    document_date TEXT NOT NULL,
    -- The body or meeting it belongs to, if any.
    body_id BIGINT REFERENCES bodies (id) ON DELETE SET NULL,
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
    -- public | members (of its body, or of any body when it has none) | editors
    visibility TEXT NOT NULL,
    -- For an incoming document: the day it arrived (inkom).
    received_on TEXT,
    -- The public body's case number (diarienummer), if it has one.
    case_number TEXT NOT NULL DEFAULT '',
    -- The number of the newest version; a new upload keeps the older ones.
    current_version BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX documents_agreement ON documents (agreement_id, document_date, id);
CREATE INDEX documents_meeting ON documents (meeting_id);
CREATE INDEX documents_body ON documents (body_id);

CREATE TABLE document_versions (
    id INTEGER PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    -- The uploaded file's name, sanitised.
    file_name TEXT NOT NULL,
    -- Detected from the content, never from the name.
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- Where the file store keeps the bytes.
    storage_key TEXT NOT NULL,
    -- Text extracted for search (PDF, DOCX, ODT, XLSX); '' when there is none.
    text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at TEXT NOT NULL,
    UNIQUE (document_id, number)
);

CREATE TABLE news (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    -- news | press_release
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    lead TEXT NOT NULL DEFAULT '',
    -- Markdown.
    body TEXT NOT NULL DEFAULT '',
    -- UTC instant from which the article is public; NULL for a draft.
    publish_at TEXT,
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
    decision_id BIGINT REFERENCES decisions (id) ON DELETE SET NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX news_agreement ON news (agreement_id, publish_at, id);

-- Named contact persons of a press release; listed only with their consent.
CREATE TABLE news_contacts (
    id INTEGER PRIMARY KEY,
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    -- E.164, e.g. +46101234567
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    consent_at TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX news_contacts_news ON news_contacts (news_id, position);

CREATE TABLE news_tags (
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    -- Lower case, as shown and as in the feed's address.
    tag TEXT NOT NULL,
    PRIMARY KEY (news_id, tag)
);
CREATE INDEX news_tags_tag ON news_tags (tag, news_id);

-- Attachments are documents of the library (public ones).
CREATE TABLE news_attachments (
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (news_id, document_id)
);

-- Someone who asked to hear about an agreement by e-mail. Unconfirmed rows
-- (double opt-in) are purged; an unsubscribe deletes the row.
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'sv',
    news BIGINT NOT NULL DEFAULT 0,
    meetings BIGINT NOT NULL DEFAULT 0,
    minutes BIGINT NOT NULL DEFAULT 0,
    -- immediate | daily | weekly
    frequency TEXT NOT NULL,
    confirmed_at TEXT,
    last_digest_at TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (agreement_id, email)
);

-- The secrets in confirmation and unsubscribe links; only their hashes.
CREATE TABLE subscription_links (
    token_hash TEXT PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    -- confirm | manage
    purpose TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT
);
CREATE INDEX subscription_links_subscription ON subscription_links (subscription_id);

-- Something subscribers hear about: a news article, a new meeting, newly
-- published minutes. Due from visible_at (an article's publication time).
CREATE TABLE subscription_events (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    -- news | meetings | minutes
    topic TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    visible_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (topic, object_id)
);
CREATE INDEX subscription_events_due ON subscription_events (agreement_id, visible_at);

-- What each subscriber has been sent: the key makes a second send of the
-- same event impossible, whichever process tries.
CREATE TABLE subscription_deliveries (
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES subscription_events (id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (subscription_id, event_id)
);

-- Every change to something searchable, written in the same transaction as
-- the change. Each process's search index follows this log; old rows are
-- pruned, and a process that has fallen behind the pruning rebuilds.
CREATE TABLE search_changes (
    id INTEGER PRIMARY KEY,
    -- organisation | meeting | minutes | decision | document | news | measure | proposal | partnership
    kind TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX search_changes_at ON search_changes (at);
