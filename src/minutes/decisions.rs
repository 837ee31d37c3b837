//! The decisions register: every decision of an agreement's bodies, with
//! its date, body, meeting and §, and what it concerns. Rows come from
//! adjusted minutes, from applications decided on their page, and from
//! editors entering decisions taken elsewhere (e.g. by Regionstyrelsen).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::{parse_subject, subject_choices, subject_link};
use crate::agreements::{self, Agreement, long_date};
use crate::db::{self, Db};
use crate::meetings::Meeting;
use crate::search::{self, Kind};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub const PER_PAGE: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/decisions", get(register))
        .route("/{slug}/decisions/new", get(new_form).post(create))
        .route("/{slug}/decisions/{id}", get(show))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Decision {
    pub id: i64,
    pub decided_on: String,
    pub body_id: Option<i64>,
    /// The body's name, or the name as written for a body elsewhere.
    pub body_name: String,
    pub body_slug: Option<String>,
    pub meeting_id: Option<i64>,
    pub meeting_title: Option<String>,
    pub section_id: Option<i64>,
    pub section_label: String,
    pub text: String,
    pub subject_kind: String,
    pub subject_id: Option<i64>,
}

const COLUMNS: &str = "d.id, d.decided_on, d.body_id, COALESCE(b.name, d.body_name) AS body_name,
    b.slug AS body_slug, d.meeting_id, m.title AS meeting_title, d.section_id, d.section_label,
    d.text, d.subject_kind, d.subject_id";

pub const FROM: &str = "FROM decisions d
    LEFT JOIN bodies b ON b.id = d.body_id
    LEFT JOIN meetings m ON m.id = d.meeting_id
    LEFT JOIN minutes_sections s ON s.id = d.section_id
    LEFT JOIN minutes mi ON mi.id = s.minutes_id";

/// A decision from minutes is public once its minutes are; one entered
/// directly is public at once.
pub const PUBLIC: &str = "(d.section_id IS NULL OR mi.state = 'published')";

// ---------------------------------------------------------------- writing rows

/// Makes the register agree with the minutes' sections: a row for every §
/// with a decision (its text the current one), none for a § without. A §
/// about an application already decided on its page takes over that row,
/// so the application has one decision.
pub async fn record_minutes(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agreement_id: i64,
    meeting: &Meeting,
    minutes_id: i64,
) -> Result<(), sqlx::Error> {
    let date = super::meeting_date(meeting);
    let now = db::now();
    for s in super::sections(&mut **tx, minutes_id).await? {
        if s.decision.is_empty() {
            let gone: Vec<i64> =
                sqlx::query_scalar("DELETE FROM decisions WHERE section_id = $1 RETURNING id")
                    .bind(s.id)
                    .fetch_all(&mut **tx)
                    .await?;
            for id in gone {
                search::changed(&mut **tx, Kind::Decision, id).await?;
            }
            continue;
        }
        let own: Option<i64> = sqlx::query_scalar("SELECT id FROM decisions WHERE section_id = $1")
            .bind(s.id)
            .fetch_optional(&mut **tx)
            .await?;
        if own.is_none() && s.subject_kind == "application" {
            let taken: Vec<i64> = sqlx::query_scalar(
                "UPDATE decisions SET decided_on = $1, body_id = $2, body_name = '', meeting_id = $3,
                    section_id = $4, section_label = $5, text = $6
                 WHERE agreement_id = $7 AND subject_kind = 'application' AND subject_id = $8
                   AND section_id IS NULL RETURNING id",
            )
            .bind(&date)
            .bind(meeting.body_id)
            .bind(meeting.id)
            .bind(s.id)
            .bind(s.label())
            .bind(&s.decision)
            .bind(agreement_id)
            .bind(s.subject_id)
            .fetch_all(&mut **tx)
            .await?;
            for id in &taken {
                search::changed(&mut **tx, Kind::Decision, *id).await?;
            }
            if !taken.is_empty() {
                continue;
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO decisions (agreement_id, decided_on, body_id, meeting_id, section_id,
                section_label, text, subject_kind, subject_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (section_id) DO UPDATE SET text = excluded.text,
                section_label = excluded.section_label, subject_kind = excluded.subject_kind,
                subject_id = excluded.subject_id
             RETURNING id",
        )
        .bind(agreement_id)
        .bind(&date)
        .bind(meeting.body_id)
        .bind(meeting.id)
        .bind(s.id)
        .bind(s.label())
        .bind(&s.decision)
        .bind(&s.subject_kind)
        .bind(s.subject_id)
        .bind(&now)
        .fetch_one(&mut **tx)
        .await?;
        search::changed(&mut **tx, Kind::Decision, id).await?;
    }
    Ok(())
}

/// The register's row for an application decided on its page, unless
/// minutes already recorded one. `body` is the deciding body as typed: one
/// of the agreement's bodies by name, or a name kept as written.
pub async fn record_application(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agreement_id: i64,
    application_id: i64,
    body: &str,
    date: &str,
    section: &str,
    text: &str,
) -> Result<(), sqlx::Error> {
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM decisions WHERE agreement_id = $1 AND subject_kind = 'application'
           AND subject_id = $2",
    )
    .bind(agreement_id)
    .bind(application_id)
    .fetch_optional(&mut **tx)
    .await?;
    if existing.is_some() {
        return Ok(());
    }
    let bodies: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM bodies WHERE agreement_id = $1")
            .bind(agreement_id)
            .fetch_all(&mut **tx)
            .await?;
    let body = body.trim();
    let body_id = bodies
        .iter()
        .find(|(_, name)| name.to_lowercase() == body.to_lowercase())
        .map(|(id, _)| *id);
    let section = section.trim().trim_start_matches('§').trim();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO decisions (agreement_id, decided_on, body_id, body_name, section_label, text,
            subject_kind, subject_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'application', $7, $8) RETURNING id",
    )
    .bind(agreement_id)
    .bind(date)
    .bind(body_id)
    .bind(if body_id.is_some() { "" } else { body })
    .bind(if section.is_empty() {
        String::new()
    } else {
        format!("§ {section}")
    })
    .bind(text)
    .bind(application_id)
    .bind(db::now())
    .fetch_one(&mut **tx)
    .await?;
    search::changed(&mut **tx, Kind::Decision, id).await?;
    Ok(())
}

/// The register's first decision about one thing (for an application, the
/// one that decided it), if any.
/// `editor`: also one from minutes not yet published.
pub async fn for_subject(
    db: &Db,
    agreement_id: i64,
    kind: &str,
    id: i64,
    editor: bool,
) -> Result<Option<i64>, sqlx::Error> {
    let visible = if editor { "1 = 1" } else { PUBLIC };
    let sql = format!(
        "SELECT d.id {FROM} WHERE d.agreement_id = $1 AND d.subject_kind = $2 AND d.subject_id = $3
           AND {visible}
         ORDER BY d.decided_on, d.id LIMIT 1"
    );
    sqlx::query_scalar(&sql)
        .bind(agreement_id)
        .bind(kind)
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Every register, every public decision page and every published minutes
/// page, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let mut paths: Vec<String> = sqlx::query_scalar("SELECT slug FROM agreements ORDER BY slug")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|slug: String| format!("/{slug}/decisions"))
        .collect();
    let minutes: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.slug, mt.id FROM minutes mi JOIN meetings mt ON mt.id = mi.meeting_id
         JOIN agreements a ON a.id = mt.agreement_id
         WHERE mi.state = 'published' ORDER BY a.slug, mt.starts_at",
    )
    .fetch_all(&db.pool)
    .await?;
    paths.extend(
        minutes
            .into_iter()
            .map(|(slug, id)| format!("/{slug}/meetings/{id}/minutes")),
    );
    let sql = format!(
        "SELECT a.slug, d.id {FROM} JOIN agreements a ON a.id = d.agreement_id
         WHERE {PUBLIC} ORDER BY a.slug, d.id"
    );
    let decisions: Vec<(String, i64)> = sqlx::query_as(&sql).fetch_all(&db.pool).await?;
    paths.extend(
        decisions
            .into_iter()
            .map(|(slug, id)| format!("/{slug}/decisions/{id}")),
    );
    Ok(paths)
}

// ---------------------------------------------------------------- the register

/// The register's filters as conditions (each " AND ...") on `d` and its body `b`.
pub fn conditions(body_slug: &str, year: Option<i64>, p: &mut db::Params) -> String {
    let mut sql = String::new();
    if !body_slug.is_empty() {
        sql.push_str(&format!(" AND b.slug = {}", p.text(body_slug)));
    }
    if let Some(y) = year {
        sql.push_str(&format!(
            " AND d.decided_on >= {} AND d.decided_on < {}",
            p.text(format!("{y:04}-01-01")),
            p.text(format!("{:04}-01-01", y + 1))
        ));
    }
    sql
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RegisterQuery {
    body: String,
    year: String,
    page: String,
}

pub struct Line {
    pub d: Decision,
    pub date: String,
}

#[derive(Template)]
#[template(path = "minutes/templates/register.html")]
struct RegisterView {
    page: Page,
    agreement: Agreement,
    lines: Vec<Line>,
    bodies: Vec<(String, String)>,
    years: Vec<String>,
    body: String,
    year: String,
    number: i64,
    has_next: bool,
    can_edit: bool,
}

impl RegisterView {
    /// The link to another page of the same selection.
    fn page_href(&self, number: &i64) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        if !self.body.is_empty() {
            q.append_pair("body", &self.body);
        }
        if !self.year.is_empty() {
            q.append_pair("year", &self.year);
        }
        q.append_pair("page", &number.to_string());
        format!("/{}/decisions?{}", self.agreement.slug, q.finish())
    }

    fn excerpt(&self, text: &str) -> String {
        let short: String = text.chars().take(200).collect();
        if short.len() < text.len() {
            format!("{short}…")
        } else {
            short
        }
    }
}

async fn body_choices(db: &Db, agreement_id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name FROM bodies WHERE agreement_id = $1 ORDER BY position, name")
        .bind(agreement_id)
        .fetch_all(&db.pool)
        .await
}

/// The register, newest first, 50 a page, by body and year.
async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<RegisterQuery>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let editor = ctx.edits(agreement.id);
    let bodies = body_choices(&state.db, agreement.id).await?;
    let body = bodies
        .iter()
        .find(|(s, _)| *s == q.body)
        .map(|(s, _)| s.clone())
        .unwrap_or_default();
    let years: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT SUBSTR(decided_on, 1, 4) FROM decisions WHERE agreement_id = $1 ORDER BY 1 DESC",
    )
    .bind(agreement.id)
    .fetch_all(&state.db.pool)
    .await?;
    let year = years
        .iter()
        .find(|y| **y == q.year)
        .cloned()
        .unwrap_or_default();
    let number = q.page.parse::<i64>().ok().filter(|n| *n >= 1).unwrap_or(1);
    let mut p = db::Params::new();
    let mut sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE d.agreement_id = {}",
        p.int(agreement.id)
    );
    if !editor {
        sql.push_str(&format!(" AND {PUBLIC}"));
    }
    sql.push_str(&conditions(&body, year.parse().ok(), &mut p));
    // One more than a page tells whether there is a next one.
    sql.push_str(&format!(
        " ORDER BY d.decided_on DESC, d.id DESC LIMIT {} OFFSET {}",
        p.int(PER_PAGE + 1),
        p.int((number - 1) * PER_PAGE)
    ));
    let mut rows: Vec<Decision> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let has_next = rows.len() as i64 > PER_PAGE;
    rows.truncate(PER_PAGE as usize);
    let lines = rows
        .into_iter()
        .map(|d| Line {
            date: long_date(ctx.lang, &d.decided_on),
            d,
        })
        .collect();
    let mut page = Page::new(&ctx, "decisions-title").describe(ctx.t("decisions-description"));
    page.for_agreement(&ctx, &agreement);
    Ok(render(&RegisterView {
        page,
        agreement,
        lines,
        bodies,
        years,
        body,
        year,
        number,
        has_next,
        can_edit: editor,
    }))
}

// ---------------------------------------------------------------- one decision

#[derive(Template)]
#[template(path = "minutes/templates/decision.html")]
struct DecisionView {
    page: Page,
    agreement: Agreement,
    d: Decision,
    date: String,
    subject: Option<(String, String)>,
}

impl DecisionView {
    fn minutes_href(&self) -> Option<String> {
        let meeting = self.d.meeting_id?;
        let section = self.d.section_id?;
        Some(format!(
            "/{}/meetings/{meeting}/minutes#s-{section}",
            self.agreement.slug
        ))
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let mut sql = format!("SELECT {COLUMNS} {FROM} WHERE d.id = $1 AND d.agreement_id = $2");
    if !ctx.edits(agreement.id) {
        sql.push_str(&format!(" AND {PUBLIC}"));
    }
    let d: Decision = sqlx::query_as(&sql)
        .bind(id)
        .bind(agreement.id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let subjects = subject_choices(&state.db, ctx.lang, agreement.id).await?;
    let subject = subject_link(&agreement.slug, &d.subject_kind, d.subject_id, &subjects);
    let date = long_date(ctx.lang, &d.decided_on);
    let title = ctx.lang.t_with(
        "decision-title",
        &[("body", d.body_name.clone()), ("date", date.clone())],
    );
    let description: String = d.text.chars().take(200).collect();
    let mut page = Page::titled(&ctx, title).describe(description);
    page.for_agreement(&ctx, &agreement);
    Ok(render(&DecisionView {
        page,
        agreement,
        d,
        date,
        subject,
    }))
}

// ---------------------------------------------------------------- entered directly

/// A decision taken elsewhere (e.g. by Regionstyrelsen), as the web form
/// and the API take it.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DecisionInput {
    /// The day it was decided: YYYY-MM-DD.
    pub decided_on: String,
    /// The deciding body, one of the agreement's (its slug), or "" with `body_name`.
    pub body: String,
    /// A body outside the agreement, as written, when `body` is "".
    pub body_name: String,
    /// The § or case number, e.g. "RS 2019-00042" (at most 100 characters).
    pub reference: String,
    /// The decision (at most 20 000 characters).
    pub text: String,
    /// What it concerns: "" or `kind:id`, e.g. `action_plan:1` (application, election, action_plan, partnership).
    pub subject: String,
}

#[derive(Template)]
#[template(path = "minutes/templates/decision_new.html")]
struct NewView {
    page: Page,
    agreement: Agreement,
    values: DecisionInput,
    errors: Errors,
    bodies: Vec<(String, String)>,
    subjects: Vec<(String, String)>,
}

async fn new_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    values: DecisionInput,
    errors: Errors,
) -> AppResult<Response> {
    let mut page = Page::new(ctx, "decisions-new-title").with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    let view = NewView {
        bodies: body_choices(&state.db, agreement.id).await?,
        subjects: subject_choices(&state.db, ctx.lang, agreement.id).await?,
        page,
        agreement,
        values,
        errors,
    };
    Ok((status, render(&view)).into_response())
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let values = DecisionInput {
        decided_on: db::today(),
        ..DecisionInput::default()
    };
    new_view(&state, &ctx, agreement, values, Errors::new()).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<DecisionInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let user = ctx.require_user()?;
    let valid = match check(&state.db, agreement.id, &input).await? {
        Ok(valid) => valid,
        Err(errors) => return new_view(&state, &ctx, agreement, input, errors).await,
    };
    let mut tx = state.db.pool.begin().await?;
    let id = record_direct(&mut tx, agreement.id, &valid, user.id, "").await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-decision-saved",
        &format!("/{}/decisions/{id}", agreement.slug),
    ))
}

/// A decision entered directly, checked: what `record_direct` stores.
pub struct ValidDecision {
    decided_on: String,
    body_id: Option<i64>,
    body_name: String,
    reference: String,
    text: String,
    subject_kind: String,
    subject_id: Option<i64>,
}

/// Checks a decision entered directly (on the web or through the API);
/// the errors name the form's fields.
pub async fn check(
    db: &Db,
    agreement_id: i64,
    input: &DecisionInput,
) -> Result<Result<ValidDecision, Errors>, sqlx::Error> {
    let mut errors = Errors::new();
    let date = input.decided_on.trim().parse::<jiff::civil::Date>();
    if date.is_err() {
        errors.add("decided_on", "error-date");
    }
    let body_id: Option<i64> = if input.body.is_empty() {
        None
    } else {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM bodies WHERE agreement_id = $1 AND slug = $2")
                .bind(agreement_id)
                .bind(&input.body)
                .fetch_optional(&db.pool)
                .await?;
        if found.is_none() {
            errors.add("body", "error-choose-one");
        }
        found
    };
    if input.body.is_empty() && input.body_name.trim().is_empty() {
        errors.add("body", "error-decisions-body-missing");
    }
    if input.body_name.chars().count() > 200 {
        errors.add("body_name", "error-too-long");
    }
    if input.reference.chars().count() > 100 {
        errors.add("reference", "error-too-long");
    }
    if input.text.trim().is_empty() {
        errors.add("text", "error-decisions-text-missing");
    } else if input.text.chars().count() > 20_000 {
        errors.add("text", "error-too-long");
    }
    // The labels do not matter here, only which subjects exist.
    let subjects = subject_choices(db, Lang::Sv, agreement_id).await?;
    let subject = parse_subject(&input.subject, &subjects);
    if subject.is_none() {
        errors.add("subject", "error-choose-one");
    }
    let (Ok(date), Some((subject_kind, subject_id)), true) = (date, subject, errors.is_empty())
    else {
        return Ok(Err(errors));
    };
    Ok(Ok(ValidDecision {
        decided_on: date.to_string(),
        body_id,
        body_name: if body_id.is_some() {
            String::new()
        } else {
            input.body_name.trim().to_string()
        },
        reference: input.reference.trim().to_string(),
        text: input.text.trim().to_string(),
        subject_kind,
        subject_id,
    }))
}

/// Stores a decision entered directly, for search and in the audit log
/// (`via`: how it came, e.g. the API token's name, or "").
pub async fn record_direct(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agreement_id: i64,
    d: &ValidDecision,
    user_id: i64,
    via: &str,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO decisions (agreement_id, decided_on, body_id, body_name, section_label, text,
            subject_kind, subject_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(agreement_id)
    .bind(&d.decided_on)
    .bind(d.body_id)
    .bind(&d.body_name)
    .bind(&d.reference)
    .bind(&d.text)
    .bind(&d.subject_kind)
    .bind(d.subject_id)
    .bind(db::now())
    .fetch_one(&mut **tx)
    .await?;
    search::changed(&mut **tx, Kind::Decision, id).await?;
    let mut detail = format!("{id}: {}", d.decided_on);
    if !via.is_empty() {
        detail.push_str(&format!(" ({via})"));
    }
    db::audit(
        &mut **tx,
        agreement_id,
        Some(user_id),
        "decision.create",
        detail,
    )
    .await?;
    Ok(id)
}

/// The register's text of an application's decision (Swedish, as the
/// register is kept in the agreement's language).
pub fn application_text(approved: bool, organisation: &str, reason: &str) -> String {
    let args = [
        ("organisation", organisation.to_string()),
        ("reason", reason.trim().to_string()),
    ];
    if approved {
        Lang::Sv.t_with("decisions-application-approved", &args)
    } else {
        Lang::Sv.t_with("decisions-application-rejected", &args)
    }
}
