-- Organisations (global), their municipalities, umbrella links, contact
-- persons and representatives; who signed which agreement when; and the
-- applications to join.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- The name lower-cased by the application (Unicode-aware), for search and sorting.
    name_key TEXT NOT NULL,
    org_number TEXT UNIQUE,
    legal_form TEXT NOT NULL DEFAULT '',
    -- association | umbrella | sports_club | study_association | folk_high_school
    -- | faith_community | social_enterprise | foundation | other
    kind TEXT NOT NULL,
    -- local | regional | national
    level TEXT NOT NULL,
    website TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX organisations_name_key ON organisations (name_key);

-- SCB municipality codes (four digits) where the organisation works.
CREATE TABLE organisation_municipalities (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (organisation_id, code)
);
CREATE INDEX organisation_municipalities_code ON organisation_municipalities (code);

CREATE TABLE umbrella_members (
    umbrella_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (umbrella_id, member_id),
    CHECK (umbrella_id <> member_id)
);
CREATE INDEX umbrella_members_member ON umbrella_members (member_id);

-- Work contact details only; shown to the public only with consent.
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    published BIGINT NOT NULL DEFAULT 0,
    consent_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_organisation ON contacts (organisation_id);

-- People who keep an organisation's profile.
CREATE TABLE organisation_representatives (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    since TEXT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);

CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    -- Set when the applicant applies for an existing organisation, or on approval.
    organisation_id BIGINT REFERENCES organisations (id),
    applicant_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- submitted | preparing | approved | rejected | withdrawn
    state TEXT NOT NULL,
    received_on TEXT NOT NULL,
    case_number TEXT NOT NULL DEFAULT '',
    -- The profile as applied for.
    name TEXT NOT NULL,
    org_number TEXT,
    legal_form TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    municipalities TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    motivation TEXT NOT NULL,
    regional_perspective TEXT NOT NULL,
    endorses_principles BIGINT NOT NULL,
    -- The decision: which body, when, and the minutes section.
    decided_by_body TEXT NOT NULL DEFAULT '',
    decided_on TEXT,
    decision_section TEXT NOT NULL DEFAULT '',
    rejection_reason TEXT NOT NULL DEFAULT '',
    decided_by_user BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX applications_queue ON applications (agreement_id, state);

-- Who has signed which agreement, period by period: leaving closes a period,
-- rejoining opens a new one, so the history is never lost.
CREATE TABLE signatories (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    joined_on TEXT NOT NULL,
    left_on TEXT,
    leave_reason TEXT NOT NULL DEFAULT '',
    application_id BIGINT REFERENCES applications (id),
    decision_ref TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX signatories_one_open_period
    ON signatories (agreement_id, organisation_id) WHERE left_on IS NULL;
CREATE INDEX signatories_agreement ON signatories (agreement_id, joined_on);

-- Every change of an agreement's own content, for the record.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT REFERENCES agreements (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
