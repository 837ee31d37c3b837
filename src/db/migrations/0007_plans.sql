-- Action plans with their strategic areas, measures, indicators and
-- follow-up; proposals to the agreement group; partnerships (IOP and other
-- joint initiatives).

CREATE TABLE action_plans (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- Markdown.
    summary TEXT NOT NULL DEFAULT '',
    -- The period the plan covers, by calendar year: 2024–2026.
    first_year BIGINT NOT NULL,
    last_year BIGINT NOT NULL,
    -- draft | decided | following_up | closed
    state TEXT NOT NULL,
    -- The decision that adopted it, in the decisions register.
    decision_id BIGINT REFERENCES decisions (id) ON DELETE SET NULL,
    -- Who drafted it, as written ("fem politiker och fem företrädare ...").
    drafted_by TEXT NOT NULL DEFAULT '',
    closed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX action_plans_agreement ON action_plans (agreement_id, first_year);

CREATE TABLE plan_areas (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_areas_plan ON plan_areas (plan_id, position);

-- Who can be responsible for a plan's measures: a unit of the public body
-- (by name) or a signatory organisation. Follow-up requests go to `email`,
-- and for an organisation also to its representatives.
CREATE TABLE plan_parties (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    -- unit | organisation
    kind TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_parties_plan ON plan_parties (plan_id);

CREATE TABLE measures (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    area_id BIGINT NOT NULL REFERENCES plan_areas (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    -- Markdown.
    description TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    starts_on TEXT,
    ends_on TEXT,
    -- planned | ongoing | done | postponed | cancelled
    status TEXT NOT NULL,
    -- Required for postponed and cancelled.
    status_reason TEXT NOT NULL DEFAULT '',
    -- 0..=100
    progress BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX measures_plan ON measures (plan_id, area_id, position);

CREATE TABLE measure_parties (
    measure_id BIGINT NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    party_id BIGINT NOT NULL REFERENCES plan_parties (id) ON DELETE CASCADE,
    PRIMARY KEY (measure_id, party_id)
);
CREATE INDEX measure_parties_party ON measure_parties (party_id);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    measure_id BIGINT NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    position BIGINT NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    -- "antal", "%", "kr" ...
    unit TEXT NOT NULL DEFAULT '',
    baseline DOUBLE PRECISION,
    baseline_year BIGINT,
    target DOUBLE PRECISION,
    target_year BIGINT
);
CREATE INDEX indicators_measure ON indicators (measure_id, position);

-- A yearly follow-up round: editors ask every responsible party to report.
CREATE TABLE follow_up_cycles (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    -- The date reports are due.
    due_on TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    started_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    closed_at TEXT,
    UNIQUE (plan_id, year)
);

-- One party asked in one cycle. The link in the mail lets the party report
-- on its measures without an account; only its hash is stored.
CREATE TABLE follow_up_requests (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES follow_up_cycles (id) ON DELETE CASCADE,
    party_id BIGINT NOT NULL REFERENCES plan_parties (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    sent_to TEXT NOT NULL DEFAULT '',
    sent_at TEXT NOT NULL,
    reminded_at TEXT,
    UNIQUE (cycle_id, party_id)
);
CREATE UNIQUE INDEX follow_up_requests_token ON follow_up_requests (token_hash);

-- A dated report on one measure. Its status and progress become the
-- measure's; its indicator values are in indicator_values.
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    measure_id BIGINT NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    cycle_id BIGINT REFERENCES follow_up_cycles (id) ON DELETE SET NULL,
    -- The responsible party that reported, when it was one.
    party_id BIGINT REFERENCES plan_parties (id) ON DELETE SET NULL,
    reported_on TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    progress BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX follow_ups_measure ON follow_ups (measure_id, reported_on);
CREATE INDEX follow_ups_cycle ON follow_ups (cycle_id, party_id);

-- One value of an indicator for one year; the latest report for that year wins.
CREATE TABLE indicator_values (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    follow_up_id BIGINT REFERENCES follow_ups (id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (indicator_id, year)
);

-- A proposal to the agreement group, from a signatory organisation or from a
-- dialogue meeting (entered by an editor on the meeting's behalf).
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- Markdown.
    text TEXT NOT NULL,
    -- One of the agreement's areas of collaboration.
    area_id BIGINT REFERENCES agreement_areas (id) ON DELETE SET NULL,
    -- dialog | long-term | quality | openness | independence | diversity
    principle TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
    submitted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- received | considering | adopted | declined
    state TEXT NOT NULL,
    state_reason TEXT NOT NULL DEFAULT '',
    -- The measure it became, when adopted.
    measure_id BIGINT REFERENCES measures (id) ON DELETE SET NULL,
    -- Hidden by an editor: the reason is shown in its place.
    hidden_at TEXT,
    hidden_reason TEXT NOT NULL DEFAULT '',
    -- Bumped by every support, so that one organisation supports once even
    -- when two of its representatives click at the same time.
    support_count BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX proposals_agreement ON proposals (agreement_id, state, created_at);
CREATE INDEX proposals_measure ON proposals (measure_id);

-- Every change of a proposal's state, dated and public.
CREATE TABLE proposal_events (
    id INTEGER PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at TEXT NOT NULL
);
CREATE INDEX proposal_events_proposal ON proposal_events (proposal_id, at);

-- One support per organisation.
CREATE TABLE proposal_supports (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (proposal_id, organisation_id)
);

CREATE TABLE proposal_comments (
    id INTEGER PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    hidden_at TEXT,
    hidden_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id, created_at);

-- Idea-based public partnerships (IOP) and other joint initiatives.
CREATE TABLE partnerships (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    -- iop | other
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    societal_goal TEXT NOT NULL DEFAULT '',
    target_group TEXT NOT NULL DEFAULT '',
    -- The public party and its committee, as written.
    public_party TEXT NOT NULL DEFAULT '',
    public_committee TEXT NOT NULL DEFAULT '',
    starts_on TEXT,
    ends_on TEXT,
    -- Why it is neither a procurement nor state aid.
    assessment TEXT NOT NULL DEFAULT '',
    decision_body TEXT NOT NULL DEFAULT '',
    decision_on TEXT,
    case_number TEXT NOT NULL DEFAULT '',
    -- planned | active | ended | terminated
    status TEXT NOT NULL,
    -- Markdown.
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX partnerships_agreement ON partnerships (agreement_id, status, starts_on);

CREATE TABLE partnership_organisations (
    id INTEGER PRIMARY KEY,
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    -- Set when the organisation is in the register; the name as written otherwise.
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX partnership_organisations_partnership ON partnership_organisations (partnership_id, position);
CREATE INDEX partnership_organisations_organisation ON partnership_organisations (organisation_id);

-- Money and time per year, in whole kronor and hours.
CREATE TABLE partnership_years (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    public_funding BIGINT NOT NULL DEFAULT 0,
    own_contribution BIGINT NOT NULL DEFAULT 0,
    volunteer_hours BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (partnership_id, year)
);

CREATE TABLE partnership_contacts (
    id INTEGER PRIMARY KEY,
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    -- E.164
    phone TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX partnership_contacts_partnership ON partnership_contacts (partnership_id, position);

-- Documents are links until the document library exists.
CREATE TABLE partnership_documents (
    id INTEGER PRIMARY KEY,
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX partnership_documents_partnership ON partnership_documents (partnership_id, position);

CREATE TABLE partnership_reports (
    id INTEGER PRIMARY KEY,
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    reported_on TEXT NOT NULL,
    -- Markdown.
    text TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX partnership_reports_partnership ON partnership_reports (partnership_id, year);
