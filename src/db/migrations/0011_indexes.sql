-- Indexes found by the benchmark (bench/README.md, "EXPLAIN"): every
-- column a page looks rows up by, and every reference whose parent can be
-- deleted (a cascade or SET NULL otherwise reads the whole child table),
-- has one, so that no page and no erasure grows with the whole instance.

CREATE INDEX signatories_organisation ON signatories (organisation_id, joined_on);
CREATE INDEX signatories_application ON signatories (application_id);
CREATE INDEX roles_agreement ON roles (agreement_id, role);
CREATE INDEX organisation_representatives_user ON organisation_representatives (user_id);
CREATE INDEX applications_organisation ON applications (organisation_id);
CREATE INDEX applications_applicant ON applications (applicant_id);
CREATE INDEX audit_log_agreement ON audit_log (agreement_id, id);
CREATE INDEX audit_log_user ON audit_log (user_id);
CREATE INDEX agreement_areas_agreement ON agreement_areas (agreement_id, position);
CREATE INDEX memberships_organisation ON memberships (organisation_id);
CREATE INDEX elections_agreement ON elections (agreement_id, created_at);
CREATE INDEX nominations_election ON nominations (election_id);
CREATE INDEX ballots_election ON ballots (election_id);
CREATE INDEX registrations_user ON registrations (user_id);
CREATE INDEX registrations_organisation ON registrations (organisation_id);
CREATE INDEX decisions_meeting ON decisions (meeting_id);
CREATE INDEX plan_parties_organisation ON plan_parties (organisation_id);
CREATE INDEX measures_area ON measures (area_id);
CREATE INDEX follow_ups_party ON follow_ups (party_id);
CREATE INDEX proposals_meeting ON proposals (meeting_id);
CREATE INDEX proposals_organisation ON proposals (organisation_id);
CREATE INDEX proposals_submitted_by ON proposals (submitted_by);
CREATE INDEX proposal_supports_user ON proposal_supports (user_id);
CREATE INDEX proposal_comments_user ON proposal_comments (user_id);
CREATE INDEX documents_created_by ON documents (created_by);
CREATE INDEX document_versions_uploaded_by ON document_versions (uploaded_by);
CREATE INDEX news_created_by ON news (created_by);
CREATE INDEX news_meeting ON news (meeting_id);
CREATE INDEX news_decision ON news (decision_id);
CREATE INDEX news_attachments_document ON news_attachments (document_id);
CREATE INDEX api_tokens_agreement ON api_tokens (agreement_id);
