//! The API's records beside the registers: organisations' profiles with
//! their history, published minutes, proposals, partnerships and one
//! document with its versions. Each shows what its public page shows.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::listing::{self, BadRequest, NotFound, Paging, conditional, latest, problem, url};
use super::resources::{DOCUMENT_SELECT, DocumentOut, document_links};
use crate::agreements;
use crate::db::Params;
use crate::web::{AppError, AppResult, AppState};

const TAG: &str = "open data";

/// An id in a path: anything else is not found.
fn path_id(id: &str) -> AppResult<i64> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// Another organisation, as a link.
#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct OrganisationRef {
    pub slug: String,
    pub name: String,
    /// Its profile in the API.
    #[sqlx(skip)]
    pub url: String,
}

fn organisation_refs(state: &AppState, rows: Vec<(String, String)>) -> Vec<OrganisationRef> {
    rows.into_iter()
        .map(|(slug, name)| OrganisationRef {
            url: url(state, &format!("/api/v1/organisations/{slug}")),
            slug,
            name,
        })
        .collect()
}

/// A page of the web site, titled.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkOut {
    pub title: String,
    pub html: String,
}

fn links(state: &AppState, rows: Vec<(String, String)>) -> Vec<LinkOut> {
    rows.into_iter()
        .map(|(path, title)| LinkOut {
            html: url(state, &path),
            title,
        })
        .collect()
}

// ------------------------------------------------------------ organisations

#[derive(Debug, Serialize, ToSchema)]
pub struct MunicipalityOut {
    /// SCB's four-digit code.
    pub code: String,
    pub name: String,
}

/// A contact person the organisation has published.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactOut {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
}

/// One period as a signatory of one agreement.
#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct PeriodOut {
    /// The period's id, as in the agreement's signatories.
    pub id: i64,
    /// The agreement's slug.
    pub agreement: String,
    pub agreement_name: String,
    /// YYYY-MM-DD
    pub joined_on: String,
    pub left_on: Option<String>,
    pub leave_reason: String,
    /// The decision it joined by, as written.
    pub decision_ref: String,
    #[serde(skip)]
    pub updated_at: String,
}

/// An organisation's public profile and its history as a signatory.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationProfile {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// NNNNNN-NNNN
    pub org_number: Option<String>,
    /// SCB's code of the legal form, or ''.
    pub legal_form: String,
    /// association | umbrella | sports_club | study_association | folk_high_school | faith_community | social_enterprise | foundation | other
    pub kind: String,
    /// local | regional | national
    pub level: String,
    pub website: String,
    pub description: String,
    pub municipalities: Vec<MunicipalityOut>,
    /// The umbrella organisations it is a member of.
    pub umbrellas: Vec<OrganisationRef>,
    /// Its members, when it is an umbrella organisation.
    pub members: Vec<OrganisationRef>,
    /// Contact persons, only those published with their consent.
    pub contacts: Vec<ContactOut>,
    /// Every period in every agreement, oldest first.
    pub periods: Vec<PeriodOut>,
    /// Measures it is responsible for.
    pub measures: Vec<LinkOut>,
    pub partnerships: Vec<LinkOut>,
    /// Proposals it has made (not those hidden by the editors).
    pub proposals: Vec<LinkOut>,
    /// The later of the profile's and its periods' last change.
    pub updated_at: String,
    pub html: String,
    pub url: String,
}

/// One organisation: its profile as its public page shows it, and its signatory history.
#[utoipa::path(get, path = "/api/v1/organisations/{slug}", tag = TAG,
    params(("slug" = String, Path, description = "The organisation's slug, as in the signatories")),
    responses((status = 200, body = OrganisationProfile), (status = 404, response = NotFound)))]
pub async fn organisation(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    use crate::organisations::{self, municipalities};
    let org = organisations::by_slug(&state.db, &slug).await?;
    let pool = &state.db.pool;
    let relations = organisations::relations(&state.db, org.id).await?;
    let periods: Vec<PeriodOut> = sqlx::query_as(
        "SELECT s.id, a.slug AS agreement, a.name AS agreement_name, s.joined_on, s.left_on,
                s.leave_reason, s.decision_ref, s.updated_at
         FROM signatories s JOIN agreements a ON a.id = s.agreement_id
         WHERE s.organisation_id = $1 ORDER BY s.joined_on, s.id",
    )
    .bind(org.id)
    .fetch_all(pool)
    .await?;
    let changed: String = sqlx::query_scalar("SELECT updated_at FROM organisations WHERE id = $1")
        .bind(org.id)
        .fetch_one(pool)
        .await?;
    let updated_at = latest(
        periods
            .iter()
            .map(|p| p.updated_at.as_str())
            .chain([changed.as_str()]),
    )
    .unwrap_or_default();
    let out = OrganisationProfile {
        municipalities: relations
            .codes
            .into_iter()
            .map(|code| MunicipalityOut {
                name: municipalities::municipality(&code)
                    .map_or(code.clone(), |m| m.name.to_string()),
                code,
            })
            .collect(),
        umbrellas: organisation_refs(&state, relations.umbrellas),
        members: organisation_refs(&state, relations.members),
        contacts: relations
            .contacts
            .into_iter()
            .map(|(name, title, email, phone)| ContactOut {
                name,
                title,
                email,
                phone,
            })
            .collect(),
        measures: links(
            &state,
            crate::plans::for_organisation(&state.db, org.id).await?,
        ),
        partnerships: links(
            &state,
            crate::partnerships::for_organisation(&state.db, org.id).await?,
        ),
        proposals: links(
            &state,
            crate::proposals::for_organisation(&state.db, org.id).await?,
        ),
        html: url(&state, &format!("/organisations/{}", org.slug)),
        url: url(&state, &format!("/api/v1/organisations/{}", org.slug)),
        periods,
        updated_at,
        id: org.id,
        slug: org.slug,
        name: org.name,
        org_number: org.org_number,
        legal_form: org.legal_form,
        kind: org.kind,
        level: org.level,
        website: org.website,
        description: org.description,
    };
    Ok(conditional(&headers, &out, Some(&out.updated_at), None))
}

// ------------------------------------------------------------ minutes

/// One § of published minutes.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionOut {
    pub id: i64,
    pub number: i64,
    /// "§ 12"
    pub label: String,
    pub title: String,
    pub discussion: String,
    pub decision: String,
    /// What the decision concerns: application | election | action_plan | measure | partnership, or ''.
    pub subject_kind: String,
    pub subject_id: Option<i64>,
    /// The decision's row in the decisions register.
    pub decision_id: Option<i64>,
}

/// A correction made after adjustment; the earlier text stays readable.
#[derive(Debug, Serialize, ToSchema)]
pub struct CorrectionOut {
    /// The version the correction replaced.
    pub version: i64,
    /// UTC, RFC 3339
    pub at: String,
    pub reason: String,
    /// The earlier text's page.
    pub html: String,
}

/// Published minutes (protocol) or notes of a meeting.
#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct MinutesOut {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting_title: String,
    /// The meeting's start, UTC, RFC 3339.
    pub starts_at: String,
    /// The body's slug, for a body's meeting.
    pub body: Option<String>,
    pub venue_name: String,
    /// protocol | notes
    pub kind: String,
    pub chair: String,
    pub secretary: String,
    pub present: String,
    pub adjusters: String,
    /// YYYY-MM-DD
    pub adjusted_on: Option<String>,
    pub published_at: Option<String>,
    /// 1 for the adjusted text, one more for every correction.
    pub version: i64,
    pub updated_at: String,
    #[sqlx(skip)]
    pub corrections: Vec<CorrectionOut>,
    #[sqlx(skip)]
    pub sections: Vec<SectionOut>,
    #[sqlx(skip)]
    pub html: String,
    #[sqlx(skip)]
    pub pdf: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MinutesList {
    pub data: Vec<MinutesOut>,
    pub next_cursor: Option<String>,
    pub next: Option<String>,
}

/// Only published minutes: drafts and adjusted minutes not yet published are not public.
const MINUTES_SELECT: &str = "SELECT mi.id, mi.meeting_id, mt.title AS meeting_title, mt.starts_at,
        b.slug AS body, mt.venue_name, mi.kind, mi.chair, mi.secretary, mi.present, mi.adjusters,
        mi.adjusted_on, mi.published_at, mi.version, mi.updated_at
    FROM minutes mi JOIN meetings mt ON mt.id = mi.meeting_id
    LEFT JOIN bodies b ON b.id = mt.body_id
    WHERE mi.state = 'published'";

async fn complete_minutes(state: &AppState, slug: &str, m: &mut MinutesOut) -> AppResult<()> {
    let base = format!("/{slug}/meetings/{}/minutes", m.meeting_id);
    let decisions: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT d.section_id, d.id FROM decisions d JOIN minutes_sections s ON s.id = d.section_id
         WHERE s.minutes_id = $1",
    )
    .bind(m.id)
    .fetch_all(&state.db.pool)
    .await?;
    m.sections = crate::minutes::sections(&state.db.pool, m.id)
        .await?
        .into_iter()
        .map(|s| SectionOut {
            label: s.label(),
            decision_id: decisions.iter().find(|d| d.0 == s.id).map(|d| d.1),
            id: s.id,
            number: s.number,
            title: s.title,
            discussion: s.discussion,
            decision: s.decision,
            subject_kind: s.subject_kind,
            subject_id: s.subject_id,
        })
        .collect();
    let corrections: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT version, at, reason FROM minutes_versions WHERE minutes_id = $1 ORDER BY version",
    )
    .bind(m.id)
    .fetch_all(&state.db.pool)
    .await?;
    m.corrections = corrections
        .into_iter()
        .map(|(version, at, reason)| CorrectionOut {
            html: url(state, &format!("{base}/versions/{version}")),
            version,
            at,
            reason,
        })
        .collect();
    m.html = url(state, &base);
    m.pdf = url(state, &format!("{base}.pdf"));
    Ok(())
}

/// Published minutes and notes of the agreement's meetings, with their sections.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/minutes", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), Paging),
    responses((status = 200, body = MinutesList), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn minutes_list(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<Paging>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let paging = match q.checked() {
        Ok(paging) => paging,
        Err(problem) => return Ok(problem.into_response()),
    };
    let mut p = Params::new();
    let sql = format!(
        "{MINUTES_SELECT} AND mt.agreement_id = {}{}{}",
        p.int(a.id),
        paging.conditions("mi.id", "mi.updated_at", &mut p),
        paging.order("mi.id", &mut p)
    );
    let mut rows: Vec<MinutesOut> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    for m in &mut rows {
        complete_minutes(&state, &slug, m).await?;
    }
    Ok(listing::answer(
        &state,
        &headers,
        &format!("/api/v1/agreements/{slug}/minutes"),
        &q.carried(),
        paging.limit,
        &rows,
        |m| (m.id, &m.updated_at),
    ))
}

/// One set of published minutes.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/minutes/{id}", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), ("id" = i64, Path, description = "The minutes' id")),
    responses((status = 200, body = MinutesOut), (status = 404, response = NotFound)))]
pub async fn minutes(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let id = path_id(&id)?;
    let mut m: MinutesOut = sqlx::query_as(&format!(
        "{MINUTES_SELECT} AND mt.agreement_id = $1 AND mi.id = $2"
    ))
    .bind(a.id)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    complete_minutes(&state, &slug, &mut m).await?;
    Ok(conditional(&headers, &m, Some(&m.updated_at), None))
}

// ------------------------------------------------------------ proposals

/// The proposals list's filters, as on its page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalFilter {
    /// received | considering | adopted | declined
    #[param(pattern = r"^(|received|considering|adopted|declined)$")]
    pub state: Option<String>,
    /// The id of one of the agreement's areas of collaboration.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub area: Option<String>,
    /// dialog | long-term | quality | openness | independence | diversity
    #[param(pattern = r"^(|dialog|long-term|quality|openness|independence|diversity)$")]
    pub principle: Option<String>,
}

/// A dated change of a proposal's state.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalEventOut {
    pub state: String,
    pub reason: String,
    /// UTC, RFC 3339
    pub at: String,
}

/// A comment on a proposal (those hidden by the editors are left out).
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentOut {
    pub id: i64,
    pub author_name: String,
    /// The organisation the author wrote for, if any.
    pub organisation: Option<String>,
    pub text: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalOut {
    pub id: i64,
    pub title: String,
    /// Markdown.
    pub text: String,
    /// received | considering | adopted | declined
    pub state: String,
    pub state_reason: String,
    /// The area of collaboration, by name.
    pub area: Option<String>,
    pub area_id: Option<i64>,
    /// One of the six principles, or ''.
    pub principle: String,
    /// The organisation that made it.
    pub organisation: Option<OrganisationRef>,
    /// The dialogue meeting that made it.
    pub meeting_id: Option<i64>,
    pub meeting_title: Option<String>,
    /// The measure it became, when adopted.
    pub measure_id: Option<i64>,
    pub support_count: i64,
    /// The organisations that support it.
    pub supporters: Vec<OrganisationRef>,
    pub events: Vec<ProposalEventOut>,
    pub comments: Vec<CommentOut>,
    pub created_at: String,
    pub updated_at: String,
    pub html: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalList {
    pub data: Vec<ProposalOut>,
    pub next_cursor: Option<String>,
    pub next: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ProposalRow {
    #[sqlx(flatten)]
    p: crate::proposals::Proposal,
    updated_at: String,
}

/// Not those hidden by the editors: their page shows only the reason.
fn proposal_select() -> String {
    use crate::proposals::model::{COLUMNS, FROM};
    format!("SELECT {COLUMNS}, p.updated_at {FROM} WHERE p.hidden_at IS NULL")
}

async fn proposal_out(state: &AppState, slug: &str, row: ProposalRow) -> AppResult<ProposalOut> {
    use crate::proposals::model;
    let p = row.p;
    let supporters = model::supporters(&state.db, p.id)
        .await?
        .into_iter()
        .map(|(_, slug, name)| (slug, name))
        .collect();
    let comments = model::comments(&state.db, p.id)
        .await?
        .into_iter()
        .filter(|c| c.hidden_at.is_none())
        .map(|c| CommentOut {
            id: c.id,
            author_name: c.author_name,
            organisation: c.organisation_name,
            text: c.text,
            created_at: c.created_at,
        })
        .collect();
    let events = model::events(&state.db, p.id)
        .await?
        .into_iter()
        .map(|(state, reason, at)| ProposalEventOut { state, reason, at })
        .collect();
    let organisation = match (p.organisation_slug, p.organisation_name) {
        (Some(slug), Some(name)) => organisation_refs(state, vec![(slug, name)]).pop(),
        _ => None,
    };
    Ok(ProposalOut {
        html: url(state, &format!("/{slug}/proposals/{}", p.id)),
        supporters: organisation_refs(state, supporters),
        comments,
        events,
        organisation,
        id: p.id,
        title: p.title,
        text: p.text,
        state: p.state,
        state_reason: p.state_reason,
        area: p.area_name,
        area_id: p.area_id,
        principle: p.principle,
        meeting_id: p.meeting_id,
        meeting_title: p.meeting_title,
        measure_id: p.measure_id,
        support_count: p.support_count,
        created_at: p.created_at,
        updated_at: row.updated_at,
    })
}

/// Proposals to the agreement group, with their support, state history and comments.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/proposals", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), Paging, ProposalFilter),
    responses((status = 200, body = ProposalList), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn proposals(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<Paging>,
    Query(f): Query<ProposalFilter>,
    headers: HeaderMap,
) -> AppResult<Response> {
    use crate::agreements::content::PRINCIPLES;
    use crate::proposals::model::STATES;
    let a = agreements::by_slug(&state.db, &slug).await?;
    let mut invalid = Vec::new();
    let paging = q.check(&mut invalid);
    let st = listing::one_of("state", f.state.as_deref(), &STATES, &mut invalid);
    let principle = listing::one_of(
        "principle",
        f.principle.as_deref(),
        &PRINCIPLES,
        &mut invalid,
    );
    // An id that is none of the agreement's areas matches no proposal.
    let area = listing::id("area", f.area.as_deref(), &mut invalid);
    if let Err(problem) = problem(invalid) {
        return Ok(problem.into_response());
    }
    let mut p = Params::new();
    let mut sql = format!(
        "{} AND p.agreement_id = {}{}",
        proposal_select(),
        p.int(a.id),
        paging.conditions("p.id", "p.updated_at", &mut p)
    );
    if let Some(st) = &st {
        sql += &format!(" AND p.state = {}", p.text(st));
    }
    if let Some(area) = area {
        sql += &format!(" AND p.area_id = {}", p.int(area));
    }
    if let Some(principle) = &principle {
        sql += &format!(" AND p.principle = {}", p.text(principle));
    }
    sql += &paging.order("p.id", &mut p);
    let rows: Vec<ProposalRow> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let mut data = Vec::with_capacity(rows.len());
    for row in rows {
        data.push(proposal_out(&state, &slug, row).await?);
    }
    let query = [
        ("state", f.state.as_deref()),
        ("area", f.area.as_deref()),
        ("principle", f.principle.as_deref()),
    ];
    Ok(listing::answer(
        &state,
        &headers,
        &format!("/api/v1/agreements/{slug}/proposals"),
        &[q.carried().as_slice(), &query].concat(),
        paging.limit,
        &data,
        |p| (p.id, &p.updated_at),
    ))
}

/// One proposal; one hidden by the editors is not found.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/proposals/{id}", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), ("id" = i64, Path, description = "The proposal")),
    responses((status = 200, body = ProposalOut), (status = 404, response = NotFound)))]
pub async fn proposal(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let id = path_id(&id)?;
    let row: ProposalRow = sqlx::query_as(&format!(
        "{} AND p.agreement_id = $1 AND p.id = $2",
        proposal_select()
    ))
    .bind(a.id)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let out = proposal_out(&state, &slug, row).await?;
    Ok(conditional(&headers, &out, Some(&out.updated_at), None))
}

// ------------------------------------------------------------ partnerships

/// The partnerships list's filters, as on its page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PartnershipFilter {
    /// Part of the title.
    pub q: Option<String>,
    /// planned | active | ended | terminated
    #[param(pattern = r"^(|planned|active|ended|terminated)$")]
    pub status: Option<String>,
    /// iop | other
    #[param(pattern = r"^(|iop|other)$")]
    pub kind: Option<String>,
    /// The id of an organisation taking part.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub organisation: Option<String>,
    /// Active in this year: begun by its end and not ended before it began.
    #[param(value_type = Option<i64>, minimum = 1990, maximum = 2100)]
    pub year: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartyOut {
    pub name: String,
    /// Its slug, when it is in the register.
    pub slug: Option<String>,
}

/// Money (whole kronor) and time (hours) of one year.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearOut {
    pub year: i64,
    pub public_funding: i64,
    pub own_contribution: i64,
    pub volunteer_hours: i64,
}

/// A contact person of the partnership, published as on its page (work details).
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipContactOut {
    pub name: String,
    pub role: String,
    pub email: String,
    /// E.164
    pub phone: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportOut {
    pub year: i64,
    /// YYYY-MM-DD
    pub reported_on: String,
    /// Markdown.
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentLinkOut {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipOut {
    pub id: i64,
    /// iop | other
    pub kind: String,
    pub title: String,
    pub societal_goal: String,
    pub target_group: String,
    pub public_party: String,
    pub public_committee: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// Why it is neither a procurement nor state aid.
    pub assessment: String,
    pub decision_body: String,
    pub decision_on: Option<String>,
    pub case_number: String,
    /// planned | active | ended | terminated
    pub status: String,
    /// Markdown.
    pub description: String,
    pub organisations: Vec<PartyOut>,
    pub years: Vec<YearOut>,
    pub contacts: Vec<PartnershipContactOut>,
    pub documents: Vec<DocumentLinkOut>,
    /// Follow-up reports, newest first.
    pub reports: Vec<ReportOut>,
    /// The decision about it in the decisions register, once public.
    pub decision_id: Option<i64>,
    pub updated_at: String,
    pub html: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipList {
    pub data: Vec<PartnershipOut>,
    pub next_cursor: Option<String>,
    pub next: Option<String>,
}

#[derive(sqlx::FromRow)]
struct PartnershipRow {
    #[sqlx(flatten)]
    p: crate::partnerships::Partnership,
    updated_at: String,
}

async fn partnership_out(
    state: &AppState,
    slug: &str,
    row: PartnershipRow,
) -> AppResult<PartnershipOut> {
    use crate::partnerships as ps;
    let db = &state.db;
    let p = row.p;
    Ok(PartnershipOut {
        organisations: ps::organisations(db, p.id)
            .await?
            .into_iter()
            .map(|o| PartyOut {
                name: o.name,
                slug: o.slug,
            })
            .collect(),
        years: ps::years(db, p.id)
            .await?
            .into_iter()
            .map(|y| YearOut {
                year: y.year,
                public_funding: y.public_funding,
                own_contribution: y.own_contribution,
                volunteer_hours: y.volunteer_hours,
            })
            .collect(),
        contacts: ps::contacts(db, p.id)
            .await?
            .into_iter()
            .map(|c| PartnershipContactOut {
                name: c.name,
                role: c.role,
                email: c.email,
                phone: c.phone,
            })
            .collect(),
        documents: ps::documents(db, p.id)
            .await?
            .into_iter()
            .map(|d| DocumentLinkOut {
                title: d.title,
                url: d.url,
            })
            .collect(),
        reports: ps::reports(db, p.id)
            .await?
            .into_iter()
            .map(|r| ReportOut {
                year: r.year,
                reported_on: r.reported_on,
                text: r.text,
            })
            .collect(),
        decision_id: crate::minutes::decisions::for_subject(
            db,
            p.agreement_id,
            "partnership",
            p.id,
            false,
        )
        .await?,
        html: url(state, &p.path(slug)),
        updated_at: row.updated_at,
        id: p.id,
        kind: p.kind,
        title: p.title,
        societal_goal: p.societal_goal,
        target_group: p.target_group,
        public_party: p.public_party,
        public_committee: p.public_committee,
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        assessment: p.assessment,
        decision_body: p.decision_body,
        decision_on: p.decision_on,
        case_number: p.case_number,
        status: p.status,
        description: p.description,
    })
}

/// Idea-based public partnerships (IOP) and other joint initiatives, with money and time per year.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/partnerships", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), Paging, PartnershipFilter),
    responses((status = 200, body = PartnershipList), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn partnerships(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<Paging>,
    Query(f): Query<PartnershipFilter>,
    headers: HeaderMap,
) -> AppResult<Response> {
    use crate::partnerships::{COLUMNS, Filter, KINDS, STATUSES};
    let a = agreements::by_slug(&state.db, &slug).await?;
    let mut invalid = Vec::new();
    let paging = q.check(&mut invalid);
    let filter = Filter {
        q: f.q.clone().unwrap_or_default(),
        status: listing::one_of("status", f.status.as_deref(), &STATUSES, &mut invalid)
            .unwrap_or_default(),
        kind: listing::one_of("kind", f.kind.as_deref(), &KINDS, &mut invalid).unwrap_or_default(),
        organisation: listing::id("organisation", f.organisation.as_deref(), &mut invalid)
            .map(|id| id.to_string())
            .unwrap_or_default(),
        year: listing::year("year", f.year.as_deref(), &mut invalid)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        page: String::new(),
    };
    if let Err(problem) = problem(invalid) {
        return Ok(problem.into_response());
    }
    let mut p = Params::new();
    let sql = format!(
        "SELECT {COLUMNS}, updated_at {}{}{}",
        filter.sql(a.id, &mut p),
        paging.conditions("p.id", "p.updated_at", &mut p),
        paging.order("p.id", &mut p)
    );
    let rows: Vec<PartnershipRow> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let mut data = Vec::with_capacity(rows.len());
    for row in rows {
        data.push(partnership_out(&state, &slug, row).await?);
    }
    let query = [
        ("q", f.q.as_deref()),
        ("status", f.status.as_deref()),
        ("kind", f.kind.as_deref()),
        ("organisation", f.organisation.as_deref()),
        ("year", f.year.as_deref()),
    ];
    Ok(listing::answer(
        &state,
        &headers,
        &format!("/api/v1/agreements/{slug}/partnerships"),
        &[q.carried().as_slice(), &query].concat(),
        paging.limit,
        &data,
        |p| (p.id, &p.updated_at),
    ))
}

/// One partnership.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/partnerships/{id}", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), ("id" = i64, Path, description = "The partnership")),
    responses((status = 200, body = PartnershipOut), (status = 404, response = NotFound)))]
pub async fn partnership(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    use crate::partnerships::COLUMNS;
    let a = agreements::by_slug(&state.db, &slug).await?;
    let id = path_id(&id)?;
    let row: PartnershipRow = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, updated_at FROM partnerships WHERE agreement_id = $1 AND id = $2"
    ))
    .bind(a.id)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let out = partnership_out(&state, &slug, row).await?;
    Ok(conditional(&headers, &out, Some(&out.updated_at), None))
}

// ------------------------------------------------------------ one document

/// One version of a document's file.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionOut {
    pub number: i64,
    /// UTC, RFC 3339
    pub uploaded_at: String,
    pub note: String,
    pub file_name: String,
    /// Bytes.
    pub size: i64,
    /// Detected from the content.
    pub content_type: String,
    pub sha256: String,
    /// This version's file.
    pub url: String,
}

/// One public document with its versions; an internal one is not found.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/documents/{id}", tag = TAG,
    params(("slug" = String, Path, description = "The agreement"), ("id" = i64, Path, description = "The document")),
    responses((status = 200, body = DocumentOut), (status = 404, response = NotFound)))]
pub async fn document(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let a = agreements::by_slug(&state.db, &slug).await?;
    let id = path_id(&id)?;
    let mut d: DocumentOut = sqlx::query_as(&format!(
        "{DOCUMENT_SELECT} WHERE d.agreement_id = $1 AND d.id = $2 AND d.visibility = 'public'"
    ))
    .bind(a.id)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    document_links(&state, &slug, &mut d);
    let page = crate::documents::path(&slug, d.id);
    d.versions = Some(
        crate::documents::versions(&state.db, d.id)
            .await?
            .into_iter()
            .map(|v| VersionOut {
                url: url(&state, &format!("{page}/versions/{}/file", v.number)),
                number: v.number,
                uploaded_at: v.uploaded_at,
                note: v.note,
                file_name: v.file_name,
                size: v.size,
                content_type: v.content_type,
                sha256: v.sha256,
            })
            .collect(),
    );
    Ok(conditional(&headers, &d, Some(&d.updated_at), None))
}
