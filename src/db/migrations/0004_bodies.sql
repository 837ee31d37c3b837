-- Bodies of an agreement (the committee, the agreement group, the steering
-- group, working groups), the people who sit in them, and their terms.

CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    -- committee | agreement_group | steering_group | working_group | board
    kind TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    reports_to BIGINT REFERENCES bodies (id) ON DELETE SET NULL,
    politician_seats BIGINT NOT NULL DEFAULT 0,
    civil_society_seats BIGINT NOT NULL DEFAULT 0,
    -- 1 when every seat has a substitute (ersättare) as well.
    has_substitutes BIGINT NOT NULL DEFAULT 0,
    position BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (agreement_id, slug)
);

-- A person who sits or has sat in a body. Contact details are work details,
-- shown only as far as the person has consented.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    work_email TEXT NOT NULL DEFAULT '',
    -- E.164, e.g. +46311234567
    work_phone TEXT NOT NULL DEFAULT '',
    publish_email BIGINT NOT NULL DEFAULT 0,
    publish_phone BIGINT NOT NULL DEFAULT 0,
    consent_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX people_user ON people (user_id);

-- One term in one seat. side: politician | civil_society | officer;
-- role: chair | vice_chair | member | substitute | process_leader | secretary | co_opted
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    role TEXT NOT NULL,
    party TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    election_id BIGINT,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX memberships_body ON memberships (body_id, starts_on);
CREATE INDEX memberships_person ON memberships (person_id);
