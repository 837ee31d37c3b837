-- An agreement's own content: its text in published versions, its wording
-- of the six principles, its areas of collaboration and a timeline.

CREATE TABLE agreement_texts (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    body TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    published_on TEXT NOT NULL,
    published_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (agreement_id, version)
);

-- principle: dialog | long-term | quality | openness | independence | diversity
CREATE TABLE agreement_principles (
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    principle TEXT NOT NULL,
    wording TEXT NOT NULL,
    PRIMARY KEY (agreement_id, principle)
);

CREATE TABLE agreement_areas (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE agreement_events (
    id INTEGER PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    happened_on TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX agreement_events_date ON agreement_events (agreement_id, happened_on);
