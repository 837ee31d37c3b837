//! Bodies of an agreement: the committee, the agreement group of five
//! politicians and five civil-society representatives, the steering group,
//! working groups. Each has seats; people hold them for terms. The body page
//! shows who sits now, which seats are vacant and every past term; the
//! directory lists current members as far as each has consented.

pub mod phone;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::accounts::email::Email;
use crate::agreements::{self, Agreement, long_date};
use crate::db::{self, Db};
use crate::organisations::{self, org_number::OrgNumber};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};
use phone::Phone;

pub const KINDS: [&str; 5] = [
    "committee",
    "agreement_group",
    "steering_group",
    "working_group",
    "board",
];
pub const SIDES: [&str; 3] = ["politician", "civil_society", "officer"];
pub const ROLES: [&str; 7] = [
    "chair",
    "vice_chair",
    "member",
    "substitute",
    "process_leader",
    "secretary",
    "co_opted",
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/bodies", get(list))
        .route("/{slug}/bodies/new", get(new_form).post(create))
        .route("/{slug}/bodies/{body}", get(body_page))
        .route(
            "/{slug}/bodies/{body}/members/new",
            get(member_form).post(add_member),
        )
        .route("/{slug}/bodies/{body}/members/{id}/end", post(end_term))
        .route("/{slug}/directory", get(directory))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Body {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub purpose: String,
    pub reports_to: Option<i64>,
    pub politician_seats: i64,
    pub civil_society_seats: i64,
    pub has_substitutes: i64,
}

const BODY_COLUMNS: &str = "id, slug, name, kind, purpose, reports_to, politician_seats, civil_society_seats, has_substitutes";

/// Who counts as an insider of an agreement, for its internal things
/// (a meeting's link, members-only documents): editors and admins, current
/// members of the thing's body, and, for things of no body, anyone with the
/// member role. Meetings and documents both ask this one rule.
#[derive(Debug, Clone, Default)]
pub struct Insider {
    pub editor: bool,
    pub any_member: bool,
    /// The bodies the visitor sits in today.
    pub bodies: Vec<i64>,
}

impl Insider {
    pub async fn of(db: &Db, ctx: &Ctx, agreement_id: i64) -> AppResult<Insider> {
        let Some(user) = &ctx.user else {
            return Ok(Insider::default());
        };
        if ctx.edits(agreement_id) {
            return Ok(Insider {
                editor: true,
                ..Insider::default()
            });
        }
        let day = db::today();
        let bodies: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT m.body_id FROM memberships m JOIN people p ON p.id = m.person_id
             JOIN bodies b ON b.id = m.body_id
             WHERE b.agreement_id = $1 AND p.user_id = $2 AND m.starts_on <= $3
               AND (m.ends_on IS NULL OR m.ends_on >= $3)",
        )
        .bind(agreement_id)
        .bind(user.id)
        .bind(day)
        .fetch_all(&db.pool)
        .await?;
        Ok(Insider {
            editor: false,
            any_member: user.has_role(agreement_id, crate::accounts::session::Role::Member),
            bodies,
        })
    }

    /// Whether the visitor may see the internal things of this body (None:
    /// the agreement's own).
    pub fn sees(&self, body_id: Option<i64>) -> bool {
        self.editor
            || match body_id {
                Some(id) => self.bodies.contains(&id),
                None => self.any_member,
            }
    }

    /// The same rule as a SQL condition on a body id column.
    pub fn sql(&self, column: &str, p: &mut db::Params) -> String {
        if self.editor {
            return "1 = 1".into();
        }
        let mut parts = Vec::new();
        if !self.bodies.is_empty() {
            let ids: Vec<String> = self.bodies.iter().map(|id| p.int(*id)).collect();
            parts.push(format!("{column} IN ({})", ids.join(", ")));
        }
        if self.any_member {
            parts.push(format!("{column} IS NULL"));
        }
        if parts.is_empty() {
            "1 = 0".into()
        } else {
            format!("({})", parts.join(" OR "))
        }
    }
}

async fn bodies_of(db: &Db, agreement_id: i64) -> Result<Vec<Body>, sqlx::Error> {
    let sql = format!(
        "SELECT {BODY_COLUMNS} FROM bodies WHERE agreement_id = $1 ORDER BY position, name"
    );
    sqlx::query_as(&sql)
        .bind(agreement_id)
        .fetch_all(&db.pool)
        .await
}

async fn body_by_slug(db: &Db, agreement_id: i64, slug: &str) -> AppResult<Body> {
    let sql = format!("SELECT {BODY_COLUMNS} FROM bodies WHERE agreement_id = $1 AND slug = $2");
    sqlx::query_as(&sql)
        .bind(agreement_id)
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every body page and directory, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.slug, b.slug FROM bodies b JOIN agreements a ON a.id = b.agreement_id ORDER BY a.slug, b.position",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut paths: Vec<String> = rows
        .iter()
        .map(|(a, b)| format!("/{a}/bodies/{b}"))
        .collect();
    let mut agreements: Vec<&String> = rows.iter().map(|(a, _)| a).collect();
    agreements.dedup();
    for a in agreements {
        paths.push(format!("/{a}/bodies"));
        paths.push(format!("/{a}/directory"));
    }
    Ok(paths)
}

/// One term, with what the pages show of it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Term {
    pub id: i64,
    pub name: String,
    pub side: String,
    pub role: String,
    pub party: String,
    pub organisation: Option<String>,
    pub organisation_slug: Option<String>,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub work_email: String,
    pub work_phone: String,
    pub publish_email: i64,
    pub publish_phone: i64,
    pub election_id: Option<i64>,
    pub election: Option<String>,
}

const TERM_COLUMNS: &str = "m.id, p.name, m.side, m.role, m.party, o.name AS organisation,
        o.slug AS organisation_slug, m.starts_on, m.ends_on, p.work_email, p.work_phone,
        p.publish_email, p.publish_phone, m.election_id, el.title AS election";

const TERM_FROM: &str = "FROM memberships m JOIN people p ON p.id = m.person_id
    LEFT JOIN organisations o ON o.id = m.organisation_id
    LEFT JOIN elections el ON el.id = m.election_id";

fn running(t: &Term, day: &str) -> bool {
    t.starts_on.as_str() <= day && t.ends_on.as_deref().is_none_or(|e| e >= day)
}

/// Seats of one side: how many there are and how many are taken today.
pub struct Seats {
    pub side: &'static str,
    pub seats: i64,
    pub taken: i64,
    pub substitutes: Option<(i64, i64)>,
}

fn seats(body: &Body, current: &[Term]) -> Vec<Seats> {
    [
        ("politician", body.politician_seats),
        ("civil_society", body.civil_society_seats),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(side, n)| {
        let on_side = |substitute: bool| {
            let roles: &[&str] = if substitute {
                &["substitute"]
            } else {
                &["chair", "vice_chair", "member"]
            };
            current
                .iter()
                .filter(|t| t.side == side && roles.contains(&t.role.as_str()))
                .count() as i64
        };
        Seats {
            side,
            seats: n,
            taken: on_side(false),
            substitutes: (body.has_substitutes != 0).then(|| (n, on_side(true))),
        }
    })
    .collect()
}

pub struct Line {
    pub term: Term,
    pub from: String,
    pub to: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

fn line(lang: crate::web::i18n::Lang, term: Term) -> Line {
    Line {
        from: long_date(lang, &term.starts_on),
        to: term.ends_on.as_deref().map(|d| long_date(lang, d)),
        email: (term.publish_email != 0 && !term.work_email.is_empty())
            .then(|| term.work_email.clone()),
        phone: (term.publish_phone != 0 && !term.work_phone.is_empty())
            .then(|| Phone::from_stored(&term.work_phone).swedish()),
        term,
    }
}

// ---------------------------------------------------------------- pages

#[derive(Template)]
#[template(path = "bodies/templates/list.html")]
struct ListView {
    page: Page,
    agreement: Agreement,
    bodies: Vec<(Body, i64)>,
    can_edit: bool,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let counts: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT m.body_id, COUNT(*) FROM memberships m JOIN bodies b ON b.id = m.body_id
         WHERE b.agreement_id = $1 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2)
         GROUP BY m.body_id",
    )
    .bind(agreement.id)
    .bind(db::today())
    .fetch_all(&state.db.pool)
    .await?;
    let bodies = bodies_of(&state.db, agreement.id)
        .await?
        .into_iter()
        .map(|b| {
            let n = counts
                .iter()
                .find(|(id, _)| *id == b.id)
                .map_or(0, |(_, n)| *n);
            (b, n)
        })
        .collect();
    let mut page = Page::new(&ctx, "bodies-title");
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ListView {
        can_edit: ctx.edits(agreement.id),
        page,
        agreement,
        bodies,
    }))
}

#[derive(Template)]
#[template(path = "bodies/templates/body.html")]
struct BodyView {
    page: Page,
    agreement: Agreement,
    body: Body,
    reports_to: Option<Body>,
    seats: Vec<Seats>,
    current: Vec<Line>,
    upcoming: Vec<Line>,
    past: Vec<Line>,
    can_edit: bool,
    meetings: Vec<(i64, String, String)>,
    /// The library's documents of this body that the visitor may see.
    library: Vec<(String, String, String)>,
}

impl BodyView {
    fn t_key(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
}

async fn body_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, body_slug)): Path<(String, String)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let body = body_by_slug(&state.db, agreement.id, &body_slug).await?;
    let sql = format!(
        "SELECT {TERM_COLUMNS} {TERM_FROM} WHERE m.body_id = $1 ORDER BY m.starts_on DESC, p.name"
    );
    let terms: Vec<Term> = sqlx::query_as(&sql)
        .bind(body.id)
        .fetch_all(&state.db.pool)
        .await?;
    let day = db::today();
    let (current, rest): (Vec<Term>, Vec<Term>) = terms.into_iter().partition(|t| running(t, &day));
    let (upcoming, past): (Vec<Term>, Vec<Term>) =
        rest.into_iter().partition(|t| t.starts_on > day);
    let mut current = current;
    let order = |role: &str| ROLES.iter().position(|r| *r == role).unwrap_or(99);
    let side = |s: &str| SIDES.iter().position(|x| *x == s).unwrap_or(99);
    current.sort_by(|a, b| {
        (side(&a.side), order(&a.role), a.name.as_str()).cmp(&(
            side(&b.side),
            order(&b.role),
            b.name.as_str(),
        ))
    });
    let reports_to = match body.reports_to {
        Some(id) => bodies_of(&state.db, agreement.id)
            .await?
            .into_iter()
            .find(|b| b.id == id),
        None => None,
    };
    let mut page = Page::titled(&ctx, body.name.clone()).describe(if body.purpose.is_empty() {
        body.name.clone()
    } else {
        body.purpose.clone()
    });
    page.for_agreement(&ctx, &agreement);
    let feed = format!("/{}/bodies/{}/meetings.ics", agreement.slug, body.slug);
    page.alternates.push(crate::web::layout::Alternate {
        mime: "text/calendar",
        title: ctx.t("body-meetings-feed"),
        href: feed,
    });
    let lang = ctx.lang;
    let meetings = crate::meetings::upcoming_of_body(&state.db, body.id, 5)
        .await?
        .into_iter()
        .map(|m| (m.id, m.when(lang), m.title))
        .collect();
    let library =
        crate::documents::listed_for(&state.db, &ctx, &agreement, None, Some(body.id)).await?;
    Ok(render(&BodyView {
        meetings,
        library,
        seats: seats(&body, &current),
        current: current.into_iter().map(|t| line(lang, t)).collect(),
        upcoming: upcoming.into_iter().map(|t| line(lang, t)).collect(),
        past: past.into_iter().map(|t| line(lang, t)).collect(),
        can_edit: ctx.edits(agreement.id),
        reports_to,
        page,
        agreement,
        body,
    }))
}

#[derive(Template)]
#[template(path = "bodies/templates/directory.html")]
struct DirectoryView {
    page: Page,
    agreement: Agreement,
    entries: Vec<(String, Line)>,
}

impl DirectoryView {
    fn t_key(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
}

/// Current members of every body, and the process leaders.
async fn directory(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let sql = format!(
        "SELECT b.name AS body, {TERM_COLUMNS} {TERM_FROM} JOIN bodies b ON b.id = m.body_id
         WHERE b.agreement_id = $1 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2)
         ORDER BY b.position, p.name"
    );
    let rows: Vec<DirectoryRow> = sqlx::query_as(&sql)
        .bind(agreement.id)
        .bind(db::today())
        .fetch_all(&state.db.pool)
        .await?;
    let lang = ctx.lang;
    let mut page = Page::new(&ctx, "directory-title");
    page.for_agreement(&ctx, &agreement);
    Ok(render(&DirectoryView {
        entries: rows
            .into_iter()
            .map(|r| (r.body, line(lang, r.term)))
            .collect(),
        page,
        agreement,
    }))
}

#[derive(sqlx::FromRow)]
struct DirectoryRow {
    body: String,
    #[sqlx(flatten)]
    term: Term,
}

// ---------------------------------------------------------------- editing

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BodyInput {
    pub name: String,
    pub kind: String,
    pub purpose: String,
    pub reports_to: String,
    pub politician_seats: String,
    pub civil_society_seats: String,
    pub has_substitutes: String,
}

#[derive(Template)]
#[template(path = "bodies/templates/new.html")]
struct NewView {
    page: Page,
    agreement: Agreement,
    values: BodyInput,
    errors: Errors,
    bodies: Vec<Body>,
}

async fn new_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    values: BodyInput,
    errors: Errors,
) -> AppResult<Response> {
    let mut page = Page::new(ctx, "body-new-title").with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    let bodies = bodies_of(&state.db, agreement.id).await?;
    Ok((
        status,
        render(&NewView {
            page,
            agreement,
            values,
            errors,
            bodies,
        }),
    )
        .into_response())
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let values = BodyInput {
        kind: "working_group".into(),
        politician_seats: "0".into(),
        civil_society_seats: "0".into(),
        ..Default::default()
    };
    new_view(&state, &ctx, agreement, values, Errors::new()).await
}

fn seat_count(text: &str) -> Option<i64> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=99).contains(n))
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<BodyInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let mut errors = Errors::new();
    if input.name.trim().is_empty() {
        errors.add("name", "error-required");
    }
    if !KINDS.contains(&input.kind.as_str()) {
        errors.add("kind", "error-choose-one");
    }
    let bodies = bodies_of(&state.db, agreement.id).await?;
    let body_slug = organisations::slugify(input.name.trim());
    if bodies.iter().any(|b| b.slug == body_slug) {
        errors.add("name", "error-body-exists");
    }
    let politicians = seat_count(&input.politician_seats);
    if politicians.is_none() {
        errors.add("politician_seats", "error-seats");
    }
    let civil = seat_count(&input.civil_society_seats);
    if civil.is_none() {
        errors.add("civil_society_seats", "error-seats");
    }
    let reports_to = match input.reports_to.as_str() {
        "" => None,
        slug => match bodies.iter().find(|b| b.slug == slug) {
            Some(b) => Some(b.id),
            None => {
                errors.add("reports_to", "error-choose-one");
                None
            }
        },
    };
    if !errors.is_empty() {
        return new_view(&state, &ctx, agreement, input, errors).await;
    }
    sqlx::query(
        "INSERT INTO bodies (agreement_id, slug, name, kind, purpose, reports_to, politician_seats,
            civil_society_seats, has_substitutes, position, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(agreement.id)
    .bind(&body_slug)
    .bind(input.name.trim())
    .bind(&input.kind)
    .bind(input.purpose.trim())
    .bind(reports_to)
    .bind(politicians.unwrap_or(0))
    .bind(civil.unwrap_or(0))
    .bind(i64::from(input.has_substitutes == "yes"))
    .bind(bodies.len() as i64)
    .bind(db::now())
    .execute(&state.db.pool)
    .await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/bodies/{body_slug}", agreement.slug),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MemberInput {
    pub name: String,
    pub side: String,
    pub role: String,
    pub party: String,
    pub org_number: String,
    pub starts_on: String,
    pub ends_on: String,
    pub work_email: String,
    pub work_phone: String,
    pub publish_email: String,
    pub publish_phone: String,
    pub account_email: String,
}

#[derive(Template)]
#[template(path = "bodies/templates/member.html")]
struct MemberView {
    page: Page,
    agreement: Agreement,
    body: Body,
    values: MemberInput,
    errors: Errors,
}

fn member_view(
    ctx: &Ctx,
    agreement: Agreement,
    body: Body,
    values: MemberInput,
    errors: Errors,
) -> Response {
    let mut page = Page::titled(
        ctx,
        ctx.lang
            .t_with("member-new-title", &[("body", body.name.clone())]),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    (
        status,
        render(&MemberView {
            page,
            agreement,
            body,
            values,
            errors,
        }),
    )
        .into_response()
}

async fn member_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, body_slug)): Path<(String, String)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let body = body_by_slug(&state.db, agreement.id, &body_slug).await?;
    let values = MemberInput {
        starts_on: db::today(),
        role: "member".into(),
        ..Default::default()
    };
    Ok(member_view(&ctx, agreement, body, values, Errors::new()))
}

async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, body_slug)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<MemberInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let body = body_by_slug(&state.db, agreement.id, &body_slug).await?;
    let mut errors = Errors::new();
    if input.name.trim().is_empty() {
        errors.add("name", "error-name-missing");
    }
    if !SIDES.contains(&input.side.as_str()) {
        errors.add("side", "error-choose-one");
    }
    if !ROLES.contains(&input.role.as_str()) {
        errors.add("role", "error-choose-one");
    }
    if input.side == "politician" && input.party.trim().is_empty() {
        errors.add("party", "error-party-missing");
    }
    let organisation_id = if input.side == "civil_society" {
        match OrgNumber::parse(&input.org_number) {
            Ok(n) => {
                let found: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM organisations WHERE org_number = $1")
                        .bind(n.as_str())
                        .fetch_optional(&state.db.pool)
                        .await?;
                if found.is_none() {
                    errors.add("org_number", "error-no-such-organisation");
                }
                found
            }
            Err(e) => {
                errors.add("org_number", e.message_key());
                None
            }
        }
    } else {
        None
    };
    let starts = input
        .starts_on
        .trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| errors.add("starts_on", "error-date"))
        .ok();
    let ends = if input.ends_on.trim().is_empty() {
        None
    } else {
        match input.ends_on.trim().parse::<jiff::civil::Date>() {
            Ok(d) if starts.is_some_and(|s| d < s) => {
                errors.add("ends_on", "error-term-ends-before");
                None
            }
            Ok(d) => Some(d.to_string()),
            Err(_) => {
                errors.add("ends_on", "error-date");
                None
            }
        }
    };
    let email = if input.work_email.trim().is_empty() {
        String::new()
    } else {
        Email::parse(&input.work_email)
            .map_err(|e| errors.add("work_email", e))
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let phone = if input.work_phone.trim().is_empty() {
        String::new()
    } else {
        Phone::parse(&input.work_phone)
            .map_err(|e| errors.add("work_phone", e))
            .map(|p| p.e164().to_string())
            .unwrap_or_default()
    };
    let user_id: Option<i64> = if input.account_email.trim().is_empty() {
        None
    } else {
        match Email::parse(&input.account_email) {
            Ok(e) => {
                let found = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                    .bind(e.as_str())
                    .fetch_optional(&state.db.pool)
                    .await?;
                if found.is_none() {
                    errors.add("account_email", "error-no-such-account");
                }
                found
            }
            Err(key) => {
                errors.add("account_email", key);
                None
            }
        }
    };
    if !errors.is_empty() {
        return Ok(member_view(&ctx, agreement, body, input, errors));
    }
    let consented = input.publish_email == "yes" || input.publish_phone == "yes";
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let person_id: i64 = sqlx::query_scalar(
        "INSERT INTO people (name, user_id, work_email, work_phone, publish_email, publish_phone, consent_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(input.name.trim())
    .bind(user_id)
    .bind(&email)
    .bind(&phone)
    .bind(i64::from(input.publish_email == "yes"))
    .bind(i64::from(input.publish_phone == "yes"))
    .bind(consented.then(|| now.clone()))
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO memberships (body_id, person_id, side, role, party, organisation_id, starts_on, ends_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(body.id)
    .bind(person_id)
    .bind(&input.side)
    .bind(&input.role)
    .bind(if input.side == "politician" { input.party.trim() } else { "" })
    .bind(organisation_id)
    .bind(starts.expect("checked").to_string())
    .bind(ends)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "body.member.add",
        format!("{}: {} ({})", body.name, input.name.trim(), input.role),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/bodies/{}", agreement.slug, body.slug),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EndInput {
    pub ends_on: String,
}

/// Ends a term today (or on the given date); the history keeps it.
async fn end_term(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, body_slug, id)): Path<(String, String, i64)>,
    CsrfForm(input): CsrfForm<EndInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let body = body_by_slug(&state.db, agreement.id, &body_slug).await?;
    let day = match input.ends_on.trim() {
        "" => db::today(),
        d => d
            .parse::<jiff::civil::Date>()
            .map_err(|_| AppError::BadRequest("ends_on".into()))?
            .to_string(),
    };
    let changed = sqlx::query(
        "UPDATE memberships SET ends_on = $1 WHERE id = $2 AND body_id = $3 AND starts_on <= $1
           AND (ends_on IS NULL OR ends_on > $1)",
    )
    .bind(&day)
    .bind(id)
    .bind(body.id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if changed > 0 {
        db::audit(
            &state.db.pool,
            agreement.id,
            ctx.user.as_ref().map(|u| u.id),
            "body.member.end",
            format!("{}: membership {id} ends {day}", body.name),
        )
        .await?;
    }
    Ok(flash_redirect(
        &state.config,
        "flash-term-ended",
        &format!("/{}/bodies/{}", agreement.slug, body.slug),
    ))
}
