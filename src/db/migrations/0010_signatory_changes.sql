-- When a signatory period last changed (joined, left, corrected), so that a
-- harvester asking for what changed since a time sees an organisation leave.
-- Existing periods changed, at the latest, on the day they ended or began.

ALTER TABLE signatories ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE signatories SET updated_at = COALESCE(left_on, joined_on) || 'T00:00:00.000000Z';
CREATE INDEX signatories_updated ON signatories (agreement_id, updated_at);
