# The open data API
api-title = Open data: API
api-intro = Everything public about the agreements is also open data in JSON, free to use without a key. Every address is described here; the same description is machine-readable as OpenAPI 3.1.
api-openapi = The OpenAPI description (JSON)
api-conventions = How it works
api-paging = Lists come in pages: give a limit (1–500) and pass next_cursor on as cursor, or follow the next link. Rows come in id order, so nothing is missed or repeated.
api-updated-since = updated_since (an RFC 3339 time) gives only what changed since then.
api-conditional = Responses carry an ETag and Last-Modified; ask with If-None-Match and get 304 when nothing changed.
api-errors = Errors are RFC 9457 problem details (application/problem+json) naming the wrong field in invalid-params.
api-licence = Each agreement states its licence (CC0 1.0 or CC BY 4.0) in its licence field.
api-endpoints = Addresses
api-parameters = Parameters
api-param-name = Name
api-param-in = In
api-param-description = Description
api-example = Example
api-token-needed = Needs an API token, which editors make on their account page.

# The page's text for each operation of the OpenAPI document, keyed by its
# operation id (the handler's name); an operation without one shows the
# document's English summary. Parameters: api-parameter-<op>-<name>, or
# api-parameter-<name> for the paging parameters every list shares.
api-in-query = query string
api-in-path = path
api-summary-agreements = Every agreement on this site.
api-summary-agreement = One agreement.
api-summary-signatories = The register of signatories, with its history.
api-summary-meetings = Meetings and dialogue conferences, oldest first.
api-summary-meeting = One meeting with its agenda.
api-summary-decisions = The decisions register: decisions recorded outside minutes, and those in published minutes.
api-summary-documents = The public documents of the library (their details; the file is a link).
api-summary-news = Published news and press releases.
api-summary-plans = The action plans that are decided, with their measures and follow-up (drafts are not public).
api-summary-bodies = The agreement's bodies and their current members (contact details only when the member has agreed).
api-parameter-limit = How many rows (1–500, default 50).
api-parameter-cursor = The next_cursor of the previous page.
api-parameter-updated_since = Only rows changed at or after this time (RFC 3339, e.g. 2026-01-01T00:00:00Z).
api-parameter-agreement-slug = The agreement's short address, e.g. vg.
api-parameter-signatories-slug = The agreement's short address.
api-parameter-meetings-slug = The agreement's short address.
api-parameter-meeting-slug = The agreement's short address.
api-parameter-decisions-slug = The agreement's short address.
api-parameter-documents-slug = The agreement's short address.
api-parameter-news-slug = The agreement's short address.
api-parameter-plans-slug = The agreement's short address.
api-parameter-bodies-slug = The agreement's short address.
api-parameter-signatories-updated_since = Only periods whose organisation changed at or after this time (RFC 3339).
api-parameter-signatories-status = current (the default): organisations that have signed and not left; all: every period, the history.
api-parameter-meetings-from = Only meetings starting on or after this day (YYYY-MM-DD).
api-parameter-meetings-body = Only meetings of this body (its short address).
api-parameter-meeting-id = The meeting's id.
api-summary-organisation = One organisation: its profile as its public page shows it, and its signatory history.
api-summary-minutes_list = Published minutes and notes of the agreement's meetings, with their sections.
api-summary-minutes = One set of published minutes.
api-summary-proposals = Proposals to the agreement group, with their support, state history and comments.
api-summary-proposal = One proposal; one hidden by the editors is not found.
api-summary-partnerships = Idea-based public partnerships (IOP) and other joint initiatives, with money and time per year.
api-summary-partnership = One partnership.
api-summary-document = One public document with its versions; an internal one is not found.
api-summary-record_decision = Records a decision taken outside minutes, as an editor does on the web.
api-summary-register_participant = Registers a participant, as the meeting's own form does: a seat if one is left, else the waitlist, and a confirmation mail with the meeting's calendar file.
api-summary-registrations = A meeting's participant list: every registration, cancelled ones too, in id order.
api-summary-registration = One registration.
api-parameter-organisation-slug = The organisation's short address.
