-- Meetings and dialogue conferences, their agendas, registration with a
-- waitlist, minutes item by item, and the decisions register.

-- A mail may carry one attachment (a meeting's .ics).
ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE outbox ADD COLUMN attachment_type TEXT;
ALTER TABLE outbox ADD COLUMN attachment_body TEXT;

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    -- Set for a body's meeting; its § numbers run per body and year.
    body_id BIGINT REFERENCES bodies (id) ON DELETE SET NULL,
    -- body_meeting | dialogue | conference | webinar
    kind TEXT NOT NULL,
    -- 0 for a body's closed meeting: it is announced, but only members attend.
    is_open BIGINT NOT NULL DEFAULT 1,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- UTC instants; shown in Europe/Stockholm.
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    venue_name TEXT NOT NULL DEFAULT '',
    venue_address TEXT NOT NULL DEFAULT '',
    venue_accessibility TEXT NOT NULL DEFAULT '',
    -- in_person | online | hybrid
    format TEXT NOT NULL,
    online_url TEXT NOT NULL DEFAULT '',
    -- Who sees online_url: everyone | registered | members
    link_visibility TEXT NOT NULL DEFAULT 'everyone',
    organisers TEXT NOT NULL DEFAULT '',
    -- Registration: none when registration_opens_at is NULL.
    registration_opens_at TEXT,
    registration_closes_at TEXT,
    -- NULL: no limit. 0: this mode is not offered.
    capacity_in_person BIGINT,
    capacity_online BIGINT,
    -- The most people one organisation may register; NULL: no limit.
    per_organisation_limit BIGINT,
    waitlist BIGINT NOT NULL DEFAULT 1,
    -- Bumped by every registration change: the row lock that serialises them.
    registration_seq BIGINT NOT NULL DEFAULT 0,
    -- Bumped by every change an attendee's calendar should see.
    ical_sequence BIGINT NOT NULL DEFAULT 0,
    cancelled_at TEXT,
    notice_sent_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_agreement ON meetings (agreement_id, starts_at);
CREATE INDEX meetings_body ON meetings (body_id, starts_at);

CREATE TABLE meeting_contacts (
    id INTEGER PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX meeting_contacts_meeting ON meeting_contacts (meeting_id, position);

-- Attachments are links until the document library exists; then a document.
CREATE TABLE meeting_attachments (
    id INTEGER PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id BIGINT,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX meeting_attachments_meeting ON meeting_attachments (meeting_id, position);

-- The agenda (föredragningslista).
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    presenter TEXT NOT NULL DEFAULT '',
    -- Local time of day, HH:MM, or empty.
    starts_time TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    -- As typed, for people outside the register.
    organisation_name TEXT NOT NULL DEFAULT '',
    -- in_person | online
    mode TEXT NOT NULL,
    -- confirmed | waitlisted | cancelled
    status TEXT NOT NULL,
    -- Special categories of personal data: shown only to organisers and
    -- erased 30 days after the meeting.
    dietary TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    sensitive_erased_at TEXT,
    message TEXT NOT NULL DEFAULT '',
    -- sv | en: the language mails about this registration are written in.
    language TEXT NOT NULL DEFAULT 'sv',
    -- The link to change or cancel without logging in is known only by hash.
    token_hash TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- NULL until the organiser marks it.
    attended BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    confirmed_at TEXT,
    cancelled_at TEXT
);
CREATE INDEX registrations_meeting ON registrations (meeting_id, status, mode, id);
CREATE UNIQUE INDEX registrations_token ON registrations (token_hash);
-- One live registration per address and meeting.
CREATE UNIQUE INDEX registrations_one_per_email
    ON registrations (meeting_id, email) WHERE status <> 'cancelled';

-- Minutes (protokoll) or notes (anteckningar) of one meeting.
CREATE TABLE minutes (
    id INTEGER PRIMARY KEY,
    meeting_id BIGINT NOT NULL UNIQUE REFERENCES meetings (id) ON DELETE CASCADE,
    -- protocol | notes
    kind TEXT NOT NULL,
    -- draft | adjusted | published
    state TEXT NOT NULL,
    chair TEXT NOT NULL DEFAULT '',
    secretary TEXT NOT NULL DEFAULT '',
    present TEXT NOT NULL DEFAULT '',
    adjusters TEXT NOT NULL DEFAULT '',
    adjusted_on TEXT,
    published_at TEXT,
    -- 1 for the adjusted text; every correction after adjustment adds one.
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One item (§) of the minutes. Numbers run per series (a body, or the
-- agreement's own meetings) and calendar year.
CREATE TABLE minutes_sections (
    id INTEGER PRIMARY KEY,
    minutes_id BIGINT NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    series TEXT NOT NULL,
    year BIGINT NOT NULL,
    number BIGINT NOT NULL,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    discussion TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL DEFAULT '',
    -- What the decision concerns: application | election | action_plan | measure
    subject_kind TEXT NOT NULL DEFAULT '',
    subject_id BIGINT,
    UNIQUE (agreement_id, series, year, number)
);
CREATE INDEX minutes_sections_minutes ON minutes_sections (minutes_id, position);

-- Every earlier text of adjusted minutes, kept when a correction is made.
CREATE TABLE minutes_versions (
    id INTEGER PRIMARY KEY,
    minutes_id BIGINT NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    -- The sections as they were, as JSON.
    content TEXT NOT NULL,
    reason TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    UNIQUE (minutes_id, version)
);

-- The decisions register of an agreement.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    decided_on TEXT NOT NULL,
    body_id BIGINT REFERENCES bodies (id) ON DELETE SET NULL,
    -- The deciding body as written, when it is not one of the agreement's
    -- bodies (e.g. Regionstyrelsen).
    body_name TEXT NOT NULL DEFAULT '',
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
    section_id BIGINT REFERENCES minutes_sections (id) ON DELETE SET NULL,
    -- "§ 12" or the reference given when no minutes are here.
    section_label TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    subject_kind TEXT NOT NULL DEFAULT '',
    subject_id BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX decisions_agreement ON decisions (agreement_id, decided_on);
CREATE INDEX decisions_subject ON decisions (subject_kind, subject_id);
CREATE UNIQUE INDEX decisions_section ON decisions (section_id);

-- Periodic background work (retention purges), one row per run, so that
-- what was erased and when is on record.
CREATE TABLE job_runs (
    id INTEGER PRIMARY KEY,
    job TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    affected BIGINT NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_runs_job ON job_runs (job, started_at);
