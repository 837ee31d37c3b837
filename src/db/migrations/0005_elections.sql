-- Elections of a body's seats by the signatory organisations: one ballot per
-- organisation, secret. Who voted (voters) is kept apart from what was voted
-- (ballots, choices): no column links the two, and on closing both are
-- rewritten in an order that says nothing about when votes were cast.

CREATE TABLE elections (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    body_id BIGINT NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    seats BIGINT NOT NULL,
    term_starts_on TEXT NOT NULL,
    term_ends_on TEXT NOT NULL,
    -- online | meeting
    mode TEXT NOT NULL,
    -- nominating | voting | closed | published
    state TEXT NOT NULL,
    -- The day voting opened: the organisations that were signatories then vote.
    electorate_on TEXT,
    paper_ballots BIGINT NOT NULL DEFAULT 0,
    -- Decides ties; recorded so that anyone can repeat the draw.
    draw_seed TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE nominations (
    id INTEGER PRIMARY KEY,
    election_id BIGINT NOT NULL REFERENCES elections (id) ON DELETE CASCADE,
    nominee_name TEXT NOT NULL,
    nominee_email TEXT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    presentation TEXT NOT NULL,
    nominated_by BIGINT REFERENCES organisations (id),
    token_hash TEXT NOT NULL,
    confirmed_at TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE voters (
    election_id BIGINT NOT NULL REFERENCES elections (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (election_id, organisation_id)
);

-- A ballot is known only by the hash of its receipt code, which the voting
-- organisation keeps.
CREATE TABLE ballots (
    receipt_hash TEXT PRIMARY KEY,
    election_id BIGINT NOT NULL REFERENCES elections (id) ON DELETE CASCADE
);

CREATE TABLE ballot_choices (
    receipt_hash TEXT NOT NULL REFERENCES ballots (receipt_hash) ON DELETE CASCADE,
    nomination_id BIGINT NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    PRIMARY KEY (receipt_hash, nomination_id)
);

-- Votes cast on paper at a meeting, entered as totals.
CREATE TABLE paper_results (
    election_id BIGINT NOT NULL REFERENCES elections (id) ON DELETE CASCADE,
    nomination_id BIGINT NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    votes BIGINT NOT NULL,
    PRIMARY KEY (election_id, nomination_id)
);
