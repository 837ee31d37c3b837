//! The API's resources: one handler per list or object, each with its SQL
//! and the JSON it answers with. Only what a public visitor may read.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::listing::{
    self, BadRequest, InvalidParam, NextPage, NotFound, Paging, Problem, conditional, latest,
    problem, url,
};
use crate::agreements::{self, Agreement};
use crate::db::Params;
use crate::web::{AppError, AppResult, AppState};

const TAG: &str = "open data";

// ------------------------------------------------------------ agreements

#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementOut {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    /// The public body (region or municipality) that holds the agreement.
    pub public_body: String,
    pub summary: String,
    /// YYYY-MM-DD
    pub adopted_on: Option<String>,
    pub signed_on: Option<String>,
    /// SPDX identifier of the licence of this agreement's data: CC0-1.0 or CC-BY-4.0.
    pub licence: String,
    /// The agreement's pages.
    pub html: String,
    /// This resource.
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementList {
    pub data: Vec<AgreementOut>,
}

async fn licence(state: &AppState, id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT licence FROM agreements WHERE id = $1")
        .bind(id)
        .fetch_one(&state.db.pool)
        .await
}

async fn agreement_out(state: &AppState, a: Agreement) -> Result<AgreementOut, sqlx::Error> {
    Ok(AgreementOut {
        licence: licence(state, a.id).await?,
        html: url(state, &format!("/{}/", a.slug)),
        url: url(state, &format!("/api/v1/agreements/{}", a.slug)),
        id: a.id,
        slug: a.slug,
        name: a.name,
        short_name: a.short_name,
        public_body: a.public_body,
        summary: a.summary,
        adopted_on: a.adopted_on,
        signed_on: a.signed_on,
    })
}

/// Every agreement on this instance.
#[utoipa::path(get, path = "/api/v1/agreements", tag = TAG,
    responses((status = 200, description = "The agreements", body = AgreementList)))]
pub async fn agreements(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let mut data = Vec::new();
    for a in agreements::all(&state.db).await? {
        data.push(agreement_out(&state, a).await?);
    }
    Ok(conditional(&headers, &AgreementList { data }, None, None))
}

/// One agreement.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}", tag = TAG,
    params(("slug" = String, Path, description = "The agreement's short address, e.g. vg")),
    responses((status = 200, body = AgreementOut), (status = 404, response = NotFound)))]
pub async fn agreement(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let out = agreement_out(&state, a).await?;
    Ok(conditional(&headers, &out, None, None))
}

// ------------------------------------------------------------ signatories

/// The register's filters, with the register page's names and values.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignatoryFilter {
    /// `current` (the default): organisations that have signed and not left; `all`: every period, the history.
    #[param(value_type = Option<SignatoryStatus>)]
    pub status: Option<String>,
    /// Part of the name, or of the organisation number.
    pub q: Option<String>,
    /// association | umbrella | sports_club | study_association | folk_high_school | faith_community | social_enterprise | foundation | other
    #[param(
        pattern = r"^(|association|umbrella|sports_club|study_association|folk_high_school|faith_community|social_enterprise|foundation|other)$"
    )]
    pub kind: Option<String>,
    /// local | regional | national
    #[param(pattern = r"^(|local|regional|national)$")]
    pub level: Option<String>,
    /// SCB's two-digit code of the legal form, e.g. 61.
    #[param(pattern = r"^([0-9]{2})?$")]
    pub legal_form: Option<String>,
    /// SCB's four-digit municipality code, e.g. 1480.
    #[param(pattern = r"^([0-9]{4})?$")]
    pub municipality: Option<String>,
    /// The id of an umbrella organisation: its members only.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub umbrella: Option<String>,
    /// The year the period began.
    #[param(value_type = Option<i64>, minimum = 1990, maximum = 2100)]
    pub year: Option<String>,
}

impl SignatoryFilter {
    /// The filter as the register page's, checked.
    fn check(&self, invalid: &mut Vec<InvalidParam>) -> (bool, crate::signatories::Filter) {
        use crate::organisations::{KINDS, LEVELS};
        // Documented as an enum, so present but empty is not one of its values.
        let status = self
            .status
            .as_deref()
            .map(|s| if s.is_empty() { "?" } else { s });
        let all = listing::one_of("status", status, &["current", "all"], invalid)
            .is_some_and(|s| s == "all");
        let kind = listing::one_of("kind", self.kind.as_deref(), &KINDS, invalid);
        let level = listing::one_of("level", self.level.as_deref(), &LEVELS, invalid);
        // A code of the documented shape that is no one's matches no rows.
        let mut code = |name: &str, value: &Option<String>, digits: usize| {
            let value = value.as_deref().unwrap_or_default();
            let well_formed = value.len() == digits && value.bytes().all(|b| b.is_ascii_digit());
            if !value.is_empty() && !well_formed {
                invalid.push(InvalidParam {
                    name: name.into(),
                    reason: format!("must be {digits} digits"),
                });
            }
            value.to_string()
        };
        let legal_form = code("legal_form", &self.legal_form, 2);
        let municipality = code("municipality", &self.municipality, 4);
        let filter = crate::signatories::Filter {
            q: self.q.clone().unwrap_or_default(),
            kind: kind.unwrap_or_default(),
            level: level.unwrap_or_default(),
            legal_form,
            municipality,
            umbrella: listing::id("umbrella", self.umbrella.as_deref(), invalid)
                .map(|id| id.to_string())
                .unwrap_or_default(),
            year: listing::year("year", self.year.as_deref(), invalid)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            ..Default::default()
        };
        (all, filter)
    }

    fn carried(&self) -> [(&'static str, Option<&str>); 8] {
        [
            ("status", self.status.as_deref()),
            ("q", self.q.as_deref()),
            ("kind", self.kind.as_deref()),
            ("level", self.level.as_deref()),
            ("legal_form", self.legal_form.as_deref()),
            ("municipality", self.municipality.as_deref()),
            ("umbrella", self.umbrella.as_deref()),
            ("year", self.year.as_deref()),
        ]
    }
}

/// Which periods of the register.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum SignatoryStatus {
    Current,
    All,
}

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct OrganisationOut {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// NNNNNN-NNNN
    pub org_number: Option<String>,
    pub kind: String,
    /// local | regional | national
    pub level: String,
    pub website: String,
    #[serde(skip)]
    pub updated_at: String,
}

/// One period of one organisation as a signatory: joining, and leaving if it has.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignatoryOut {
    /// The period's id (stable).
    pub id: i64,
    pub organisation: OrganisationOut,
    pub joined_on: String,
    pub left_on: Option<String>,
    pub leave_reason: String,
    /// The organisation's page.
    pub html: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignatoryList {
    pub data: Vec<SignatoryOut>,
    /// Pass as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
    /// The next page's address.
    pub next: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SignatoryRow {
    period_id: i64,
    joined_on: String,
    left_on: Option<String>,
    leave_reason: String,
    id: i64,
    slug: String,
    name: String,
    org_number: Option<String>,
    kind: String,
    level: String,
    website: String,
    updated_at: String,
}

/// The register of signatories, with its history. A period counts as
/// changed when it or its organisation did (joining, leaving, a new name).
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/signatories", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), Paging, SignatoryFilter),
    responses((status = 200, body = SignatoryList), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn signatories(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<Paging>,
    Query(f): Query<SignatoryFilter>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let mut invalid = Vec::new();
    let paging = q.check(&mut invalid);
    let (all, filter) = f.check(&mut invalid);
    if let Err(problem) = problem(invalid) {
        return Ok(problem.into_response());
    }
    let mut p = Params::new();
    let mut sql = format!(
        "SELECT s.id AS period_id, s.joined_on, s.left_on, s.leave_reason, o.id, o.slug, o.name,
                o.org_number, o.kind, o.level, o.website, {CHANGED} AS updated_at
         FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = {}{}",
        p.int(a.id),
        paging.conditions("s.id", CHANGED, &mut p)
    );
    if !all {
        sql += " AND s.left_on IS NULL";
    }
    sql += &filter.conditions(&mut p);
    sql += &paging.order("s.id", &mut p);
    let rows: Vec<SignatoryRow> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let data: Vec<SignatoryOut> = rows
        .into_iter()
        .map(|r| SignatoryOut {
            id: r.period_id,
            html: url(&state, &format!("/organisations/{}", r.slug)),
            joined_on: r.joined_on,
            left_on: r.left_on,
            leave_reason: r.leave_reason,
            organisation: OrganisationOut {
                id: r.id,
                slug: r.slug,
                name: r.name,
                org_number: r.org_number,
                kind: r.kind,
                level: r.level,
                website: r.website,
                updated_at: r.updated_at,
            },
        })
        .collect();
    Ok(listing::answer(
        &state,
        &headers,
        &format!("/api/v1/agreements/{slug}/signatories"),
        &[q.carried().as_slice(), f.carried().as_slice()].concat(),
        paging.limit,
        &data,
        |s| (s.id, &s.organisation.updated_at),
    ))
}

/// When a period last changed: it, or its organisation.
const CHANGED: &str =
    "CASE WHEN s.updated_at > o.updated_at THEN s.updated_at ELSE o.updated_at END";

// ------------------------------------------------------------ meetings

/// The meetings' filters beside the paging.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingQuery {
    /// Only meetings starting on or after this day (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// Only meetings of this body (its slug).
    pub body: Option<String>,
}

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct MeetingOut {
    pub id: i64,
    /// body_meeting | dialogue | conference | webinar
    pub kind: String,
    pub title: String,
    pub description: String,
    /// UTC, RFC 3339
    pub starts_at: String,
    pub ends_at: String,
    /// The body's slug, for a body's meeting.
    pub body: Option<String>,
    /// in_person | online | hybrid
    pub format: String,
    pub venue_name: String,
    pub venue_address: String,
    /// 0 for a closed meeting of a body (announced, members attend).
    pub is_open: i64,
    pub cancelled_at: Option<String>,
    pub updated_at: String,
    #[sqlx(skip)]
    pub html: String,
    #[sqlx(skip)]
    pub ical: String,
    /// Its agenda (on the single meeting only).
    #[sqlx(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agenda: Option<Vec<AgendaItemOut>>,
}

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct AgendaItemOut {
    pub position: i64,
    pub title: String,
    pub presenter: String,
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingList {
    pub data: Vec<MeetingOut>,
    pub next_cursor: Option<String>,
    pub next: Option<String>,
}

const MEETING_COLUMNS: &str = "m.id, m.kind, m.title, m.description, m.starts_at, m.ends_at,
    b.slug AS body, m.format, m.venue_name, m.venue_address, m.is_open, m.cancelled_at, m.updated_at";

fn meeting_links(state: &AppState, slug: &str, m: &mut MeetingOut) {
    m.html = url(state, &format!("/{slug}/meetings/{}", m.id));
    m.ical = url(state, &format!("/{slug}/meetings/{}/calendar.ics", m.id));
}

/// Meetings and dialogue conferences, oldest first.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/meetings", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), Paging, MeetingQuery),
    responses((status = 200, body = MeetingList), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn meetings(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Query<Paging>,
    Query(q): Query<MeetingQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let mut invalid = Vec::new();
    let paging = p.check(&mut invalid);
    let from = match q.from.as_deref() {
        None => String::new(),
        Some(d) => match d.parse::<jiff::civil::Date>() {
            Ok(d) => d.to_string(),
            Err(_) => {
                invalid.push(InvalidParam {
                    name: "from".into(),
                    reason: "must be a date, YYYY-MM-DD".into(),
                });
                String::new()
            }
        },
    };
    if !invalid.is_empty() {
        return Ok(Problem::bad_params(invalid).into_response());
    }
    let sql = format!(
        "SELECT {MEETING_COLUMNS} FROM meetings m LEFT JOIN bodies b ON b.id = m.body_id
         WHERE m.agreement_id = $1 AND m.id > $2 AND ($3 = '' OR m.updated_at >= $3)
           AND ($4 = '' OR m.starts_at >= $4) AND ($5 = '' OR b.slug = $5)
         ORDER BY m.id LIMIT $6"
    );
    let mut rows: Vec<MeetingOut> = sqlx::query_as(&sql)
        .bind(a.id)
        .bind(paging.after)
        .bind(paging.updated_since.clone().unwrap_or_default())
        .bind(&from)
        .bind(q.body.clone().unwrap_or_default())
        .bind(paging.limit)
        .fetch_all(&state.db.pool)
        .await?;
    for m in &mut rows {
        meeting_links(&state, &slug, m);
    }
    let last_modified = latest(rows.iter().map(|m| m.updated_at.as_str()));
    let next = NextPage::of(
        &state,
        &format!("/api/v1/agreements/{slug}/meetings"),
        &[
            ("limit", p.limit.as_deref()),
            ("updated_since", p.updated_since.as_deref()),
            ("from", q.from.as_deref()),
            ("body", q.body.as_deref()),
        ],
        rows.iter().map(|m| m.id),
        paging.limit,
    );
    Ok(next.respond(&headers, &rows, last_modified.as_deref()))
}

/// One meeting with its agenda.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/meetings/{id}", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), ("id" = i64, Path, description = "The meeting")),
    responses((status = 200, body = MeetingOut), (status = 404, response = NotFound)))]
pub async fn meeting(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let sql = format!(
        "SELECT {MEETING_COLUMNS} FROM meetings m LEFT JOIN bodies b ON b.id = m.body_id
         WHERE m.agreement_id = $1 AND m.id = $2"
    );
    let mut m: MeetingOut = sqlx::query_as(&sql)
        .bind(a.id)
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    meeting_links(&state, &slug, &mut m);
    m.agenda = Some(
        sqlx::query_as(
            "SELECT position, title, presenter, description FROM agenda_items
             WHERE meeting_id = $1 ORDER BY position, id",
        )
        .bind(id)
        .fetch_all(&state.db.pool)
        .await?,
    );
    let last_modified = m.updated_at.clone();
    Ok(conditional(&headers, &m, Some(&last_modified), None))
}

// ------------------------------------------------------------ decisions

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct DecisionOut {
    pub id: i64,
    /// YYYY-MM-DD
    pub decided_on: String,
    /// The deciding body: one of the agreement's (its name) or as written.
    pub body: String,
    pub meeting_id: Option<i64>,
    /// "§ 12" or the reference given.
    pub section: String,
    pub text: String,
    /// What it concerns: application | election | action_plan | measure | partnership, or ''.
    pub subject_kind: String,
    pub subject_id: Option<i64>,
    pub created_at: String,
    #[sqlx(skip)]
    pub html: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionList {
    pub data: Vec<DecisionOut>,
    pub next_cursor: Option<String>,
    pub next: Option<String>,
}

/// The decisions register's filters, as on its page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionFilter {
    /// The deciding body's slug (one of the agreement's bodies).
    pub body: Option<String>,
    /// The year decided.
    #[param(value_type = Option<i64>, minimum = 1990, maximum = 2100)]
    pub year: Option<String>,
}

/// The decisions register: decisions recorded outside minutes, and those in published minutes.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/decisions", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), Paging, DecisionFilter),
    responses((status = 200, body = DecisionList), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn decisions(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<Paging>,
    Query(f): Query<DecisionFilter>,
    headers: HeaderMap,
) -> AppResult<Response> {
    use crate::minutes::decisions::{FROM, PUBLIC, conditions};
    let a = agreements::by_slug(&state.db, &slug).await?;
    let mut invalid = Vec::new();
    let paging = q.check(&mut invalid);
    let body = listing::body(&state, a.id, f.body.as_deref()).await?;
    let year = listing::year("year", f.year.as_deref(), &mut invalid);
    if let Err(problem) = problem(invalid) {
        return Ok(problem.into_response());
    }
    let mut p = Params::new();
    let sql = format!(
        "SELECT d.id, d.decided_on, COALESCE(b.name, d.body_name) AS body, d.meeting_id,
                d.section_label AS section, d.text, d.subject_kind, d.subject_id, d.created_at
         {FROM} WHERE d.agreement_id = {} AND {PUBLIC}{}{}{}",
        p.int(a.id),
        paging.conditions("d.id", "d.created_at", &mut p),
        conditions(body.map(|b| b.1).as_deref().unwrap_or(""), year, &mut p),
        paging.order("d.id", &mut p)
    );
    let mut rows: Vec<DecisionOut> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    for d in &mut rows {
        d.html = url(&state, &format!("/{slug}/decisions/{}", d.id));
    }
    let query = [("body", f.body.as_deref()), ("year", f.year.as_deref())];
    Ok(listing::answer(
        &state,
        &headers,
        &format!("/api/v1/agreements/{slug}/decisions"),
        &[q.carried().as_slice(), &query].concat(),
        paging.limit,
        &rows,
        |d| (d.id, &d.created_at),
    ))
}

// ------------------------------------------------------------ documents

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct DocumentOut {
    pub id: i64,
    /// protokoll | anteckningar | handlingsplan | rapport | beslut | presentation | avtal | ovrigt
    pub kind: String,
    pub title: String,
    pub description: String,
    /// YYYY-MM-DD
    pub document_date: String,
    pub meeting_id: Option<i64>,
    /// The body's slug.
    pub body: Option<String>,
    pub received_on: Option<String>,
    pub case_number: String,
    pub current_version: i64,
    pub content_type: Option<String>,
    pub size: Option<i64>,
    pub sha256: Option<String>,
    pub updated_at: String,
    #[sqlx(skip)]
    pub html: String,
    /// The current version's file.
    #[sqlx(skip)]
    pub file: String,
    /// Every version, newest first (on the single document only).
    #[sqlx(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versions: Option<Vec<super::records::VersionOut>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentList {
    pub data: Vec<DocumentOut>,
    pub next_cursor: Option<String>,
    pub next: Option<String>,
}

/// The library's filters, as on its page (the body by its slug, as in `body`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentFilter {
    /// Part of the title.
    pub q: Option<String>,
    /// protokoll | anteckningar | handlingsplan | rapport | beslut | presentation | avtal | ovrigt
    #[param(
        pattern = r"^(|protokoll|anteckningar|handlingsplan|rapport|beslut|presentation|avtal|ovrigt)$"
    )]
    pub kind: Option<String>,
    /// The year of the document's date.
    #[param(value_type = Option<i64>, minimum = 1990, maximum = 2100)]
    pub year: Option<String>,
    /// The slug of the body it belongs to.
    pub body: Option<String>,
    /// The id of the meeting it belongs to.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub meeting: Option<String>,
}

/// The columns of a public document as the API gives it, with its current version.
pub(super) const DOCUMENT_SELECT: &str = "SELECT d.id, d.kind, d.title, d.description,
        d.document_date, d.meeting_id, b.slug AS body, d.received_on, d.case_number,
        d.current_version, v.content_type, v.size, v.sha256, d.updated_at
    FROM documents d LEFT JOIN bodies b ON b.id = d.body_id
    LEFT JOIN document_versions v ON v.document_id = d.id AND v.number = d.current_version";

pub(super) fn document_links(state: &AppState, slug: &str, d: &mut DocumentOut) {
    d.html = url(state, &crate::documents::path(slug, d.id));
    d.file = url(state, &format!("/{slug}/documents/{}/file", d.id));
}

/// The public documents of the library (metadata; the file is a link).
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/documents", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), Paging, DocumentFilter),
    responses((status = 200, body = DocumentList), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn documents(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<Paging>,
    Query(f): Query<DocumentFilter>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let mut invalid = Vec::new();
    let paging = q.check(&mut invalid);
    let filter = crate::documents::Filter {
        q: f.q.clone().unwrap_or_default(),
        kind: listing::one_of(
            "kind",
            f.kind.as_deref(),
            &crate::documents::KINDS,
            &mut invalid,
        )
        .unwrap_or_default(),
        year: listing::year("year", f.year.as_deref(), &mut invalid)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        body: listing::body(&state, a.id, f.body.as_deref())
            .await?
            .map(|b| b.0.to_string())
            .unwrap_or_default(),
        meeting: listing::id("meeting", f.meeting.as_deref(), &mut invalid)
            .map(|id| id.to_string())
            .unwrap_or_default(),
        page: String::new(),
    };
    if let Err(problem) = problem(invalid) {
        return Ok(problem.into_response());
    }
    let mut p = Params::new();
    let sql = format!(
        "{DOCUMENT_SELECT} WHERE d.agreement_id = {} AND d.visibility = 'public'{}{}{}",
        p.int(a.id),
        paging.conditions("d.id", "d.updated_at", &mut p),
        filter.conditions(&mut p),
        paging.order("d.id", &mut p)
    );
    let mut rows: Vec<DocumentOut> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    for d in &mut rows {
        document_links(&state, &slug, d);
    }
    let query = [
        ("q", f.q.as_deref()),
        ("kind", f.kind.as_deref()),
        ("year", f.year.as_deref()),
        ("body", f.body.as_deref()),
        ("meeting", f.meeting.as_deref()),
    ];
    Ok(listing::answer(
        &state,
        &headers,
        &format!("/api/v1/agreements/{slug}/documents"),
        &[q.carried().as_slice(), &query].concat(),
        paging.limit,
        &rows,
        |d| (d.id, &d.updated_at),
    ))
}

// ------------------------------------------------------------ news

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct NewsOut {
    pub id: i64,
    /// news | press_release
    pub kind: String,
    pub title: String,
    pub lead: String,
    /// Markdown.
    pub body: String,
    /// UTC, RFC 3339
    pub publish_at: String,
    pub meeting_id: Option<i64>,
    pub decision_id: Option<i64>,
    pub updated_at: String,
    #[sqlx(skip)]
    pub tags: Vec<String>,
    #[sqlx(skip)]
    pub html: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NewsList {
    pub data: Vec<NewsOut>,
    pub next_cursor: Option<String>,
    pub next: Option<String>,
}

/// The news list's filters, as on its page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NewsFilter {
    /// A tag (case and spacing do not matter).
    pub tag: Option<String>,
    /// news | press_release
    #[param(pattern = r"^(|news|press_release)$")]
    pub kind: Option<String>,
}

/// Published news and press releases.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/news", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), Paging, NewsFilter),
    responses((status = 200, body = NewsList), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn news(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<Paging>,
    Query(f): Query<NewsFilter>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let mut invalid = Vec::new();
    let paging = q.check(&mut invalid);
    let kind = listing::one_of("kind", f.kind.as_deref(), &crate::news::KINDS, &mut invalid);
    if let Err(problem) = problem(invalid) {
        return Ok(problem.into_response());
    }
    let tag = crate::news::normalise_tag(f.tag.as_deref().unwrap_or_default());
    let mut p = Params::new();
    let from = crate::news::list_sql(a.id, &tag, kind.as_deref().unwrap_or(""), false, &mut p);
    let sql = format!(
        "SELECT n.id, n.kind, n.title, n.lead, n.body, n.publish_at, n.meeting_id, n.decision_id,
                n.updated_at {from}{}{}",
        paging.conditions("n.id", "n.updated_at", &mut p),
        paging.order("n.id", &mut p)
    );
    let mut rows: Vec<NewsOut> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|n| n.id).collect();
    let mut tags = crate::news::tags_of(&state.db, &ids).await?;
    for n in &mut rows {
        n.html = url(&state, &format!("/{slug}/news/{}", n.id));
        n.tags = tags.remove(&n.id).unwrap_or_default();
    }
    let query = [("tag", f.tag.as_deref()), ("kind", f.kind.as_deref())];
    Ok(listing::answer(
        &state,
        &headers,
        &format!("/api/v1/agreements/{slug}/news"),
        &[q.carried().as_slice(), &query].concat(),
        paging.limit,
        &rows,
        |n| (n.id, &n.updated_at),
    ))
}

// ------------------------------------------------------------ action plans

#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpOut {
    /// YYYY-MM-DD
    pub reported_on: String,
    pub party: Option<String>,
    pub text: String,
    pub status: String,
    pub progress: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureOut {
    pub id: i64,
    pub area: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// planned | ongoing | done | postponed | cancelled
    pub status: String,
    pub status_reason: String,
    /// 0–100
    pub progress: i64,
    /// Responsible parties, by name.
    pub parties: Vec<String>,
    pub follow_up: Vec<FollowUpOut>,
    pub html: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanOut {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub first_year: i64,
    pub last_year: i64,
    /// decided | following_up | closed
    pub state: String,
    pub decision_id: Option<i64>,
    /// The plan's progress: the mean of its measures', done counting 100 and cancelled left out.
    pub progress: Option<i64>,
    pub areas: Vec<String>,
    pub measures: Vec<MeasureOut>,
    pub updated_at: String,
    pub html: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanList {
    pub data: Vec<PlanOut>,
}

/// The action plans that are decided, with their measures and follow-up (drafts are not public).
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/plans", tag = TAG,
    params(("slug" = String, Path, description = "The agreement")),
    responses((status = 200, body = PlanList), (status = 404, response = NotFound)))]
pub async fn plans(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    use crate::plans::model::{Area, FollowUp, Measure, Party, Plan, roll_up};
    let a = agreements::by_slug(&state.db, &slug).await?;
    let mut data = Vec::new();
    for plan in Plan::all(&state.db, a.id, false).await? {
        let areas = Area::of_plan(&state.db, plan.id).await?;
        let measures = Measure::of_plan(&state.db, plan.id).await?;
        let progress = roll_up(&measures);
        let mut out = Vec::with_capacity(measures.len());
        for m in &measures {
            let follow_up = FollowUp::of_measure(&state.db, m.id)
                .await?
                .into_iter()
                .map(|f| FollowUpOut {
                    reported_on: f.reported_on,
                    party: f.party_name,
                    text: f.text,
                    status: f.status,
                    progress: f.progress,
                })
                .collect();
            out.push(MeasureOut {
                id: m.id,
                area: areas
                    .iter()
                    .find(|x| x.id == m.area_id)
                    .map(|x| x.title.clone())
                    .unwrap_or_default(),
                title: m.title.clone(),
                description: m.description.clone(),
                starts_on: m.starts_on.clone(),
                ends_on: m.ends_on.clone(),
                status: m.status.clone(),
                status_reason: m.status_reason.clone(),
                progress: m.progress,
                parties: Party::of_measure(&state.db, m.id)
                    .await?
                    .into_iter()
                    .map(|p| p.name)
                    .collect(),
                follow_up,
                html: url(&state, &format!("/{slug}/measures/{}", m.id)),
            });
        }
        data.push(PlanOut {
            html: url(&state, &format!("/{slug}/plans/{}", plan.id)),
            id: plan.id,
            title: plan.title,
            summary: plan.summary,
            first_year: plan.first_year,
            last_year: plan.last_year,
            state: plan.state,
            decision_id: plan.decision_id,
            progress,
            areas: areas.into_iter().map(|x| x.title).collect(),
            measures: out,
            updated_at: plan.updated_at,
        });
    }
    let last_modified = latest(data.iter().map(|p| p.updated_at.as_str()));
    Ok(conditional(
        &headers,
        &PlanList { data },
        last_modified.as_deref(),
        None,
    ))
}

// ------------------------------------------------------------ bodies

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub name: String,
    /// politician | civil_society | officer
    pub side: String,
    /// chair | vice_chair | member | substitute | ...
    pub role: String,
    /// A politician's party.
    pub party: String,
    /// The organisation a civil-society member represents.
    pub organisation: Option<String>,
    pub starts_on: String,
    pub ends_on: Option<String>,
    /// Only when the member has agreed to publish it.
    pub email: Option<String>,
    /// Only when the member has agreed to publish it; E.164.
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BodyOut {
    pub slug: String,
    pub name: String,
    /// committee | agreement_group | steering_group | working_group | board
    pub kind: String,
    pub purpose: String,
    /// Whose terms run today.
    pub members: Vec<MemberOut>,
    pub html: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BodyList {
    pub data: Vec<BodyOut>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    body_id: i64,
    name: String,
    side: String,
    role: String,
    party: String,
    organisation: Option<String>,
    starts_on: String,
    ends_on: Option<String>,
    work_email: String,
    work_phone: String,
    publish_email: i64,
    publish_phone: i64,
}

/// The agreement's bodies and their current members (published contact details only).
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/bodies", tag = TAG,
    params(("slug" = String, Path, description = "The agreement")),
    responses((status = 200, body = BodyList), (status = 404, response = NotFound)))]
pub async fn bodies(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let list: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, slug, name, kind, purpose FROM bodies WHERE agreement_id = $1 ORDER BY position, id",
    )
    .bind(a.id)
    .fetch_all(&state.db.pool)
    .await?;
    let members: Vec<MemberRow> = sqlx::query_as(
        "SELECT m.body_id, p.name, m.side, m.role, m.party, o.name AS organisation, m.starts_on,
                m.ends_on, p.work_email, p.work_phone, p.publish_email, p.publish_phone
         FROM memberships m JOIN people p ON p.id = m.person_id
         JOIN bodies b ON b.id = m.body_id
         LEFT JOIN organisations o ON o.id = m.organisation_id
         WHERE b.agreement_id = $1 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2)
         ORDER BY m.body_id, m.side, m.role, p.name, m.id",
    )
    .bind(a.id)
    .bind(crate::db::today())
    .fetch_all(&state.db.pool)
    .await?;
    let data = list
        .into_iter()
        .map(|(id, body_slug, name, kind, purpose)| BodyOut {
            html: url(&state, &format!("/{slug}/bodies/{body_slug}")),
            members: members
                .iter()
                .filter(|m| m.body_id == id)
                .map(|m| MemberOut {
                    name: m.name.clone(),
                    side: m.side.clone(),
                    role: m.role.clone(),
                    party: m.party.clone(),
                    organisation: m.organisation.clone(),
                    starts_on: m.starts_on.clone(),
                    ends_on: m.ends_on.clone(),
                    email: (m.publish_email != 0 && !m.work_email.is_empty())
                        .then(|| m.work_email.clone()),
                    phone: (m.publish_phone != 0 && !m.work_phone.is_empty())
                        .then(|| m.work_phone.clone()),
                })
                .collect(),
            slug: body_slug,
            name,
            kind,
            purpose,
        })
        .collect();
    Ok(conditional(&headers, &BodyList { data }, None, None))
}
