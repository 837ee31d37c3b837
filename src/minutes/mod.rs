//! Minutes (protokoll) and notes (anteckningar) of meetings, item by item,
//! and the decisions register of an agreement.
//!
//! A meeting has at most one set of minutes. They are written as a draft,
//! adjusted (protocol: the adjusters' names and the date recorded) and
//! published; notes are published straight from the draft. Once adjusted the
//! text is fixed: a change is a correction, which keeps the earlier text as
//! a version and is logged. Every § with a decision becomes a row of the
//! decisions register when the minutes are adjusted (notes: published).

pub mod decisions;
pub mod pdf;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use crate::agreements::{self, Agreement, long_date};
use crate::db::{self, Db};
use crate::meetings::{Meeting, time};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub use decisions::sitemap;

pub const KINDS: [&str; 2] = ["protocol", "notes"];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/{slug}/meetings/{id}/minutes",
            get(minutes_page).post(create),
        )
        .route("/{slug}/meetings/{id}/minutes.pdf", get(pdf_download))
        .route("/{slug}/meetings/{id}/minutes/header", post(save_header))
        .route("/{slug}/meetings/{id}/minutes/sections", post(add_section))
        .route(
            "/{slug}/meetings/{id}/minutes/sections/{sid}",
            get(section_form).post(save_section),
        )
        .route(
            "/{slug}/meetings/{id}/minutes/sections/{sid}/move",
            post(move_section),
        )
        .route(
            "/{slug}/meetings/{id}/minutes/sections/{sid}/delete",
            post(delete_section),
        )
        .route(
            "/{slug}/meetings/{id}/minutes/sections/{sid}/correct",
            get(correct_form).post(correct),
        )
        .route("/{slug}/meetings/{id}/minutes/adjust", post(adjust))
        .route("/{slug}/meetings/{id}/minutes/publish", post(publish))
        .route("/{slug}/meetings/{id}/minutes/versions/{n}", get(version))
        .merge(decisions::routes())
}

// ---------------------------------------------------------------- model

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct Minutes {
    pub id: i64,
    pub meeting_id: i64,
    pub kind: String,
    pub state: String,
    pub chair: String,
    pub secretary: String,
    pub present: String,
    pub adjusters: String,
    pub adjusted_on: Option<String>,
    pub published_at: Option<String>,
    pub version: i64,
}

const MINUTES_COLUMNS: &str = "id, meeting_id, kind, state, chair, secretary, present, adjusters,
    adjusted_on, published_at, version";

impl Minutes {
    pub fn is_draft(&self) -> bool {
        self.state == "draft"
    }

    pub fn is_published(&self) -> bool {
        self.state == "published"
    }

    pub fn is_protocol(&self) -> bool {
        self.kind == "protocol"
    }
}

/// One item (§) of the minutes.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct Section {
    pub id: i64,
    pub number: i64,
    pub position: i64,
    pub title: String,
    pub discussion: String,
    pub decision: String,
    pub subject_kind: String,
    pub subject_id: Option<i64>,
}

const SECTION_COLUMNS: &str =
    "id, number, position, title, discussion, decision, subject_kind, subject_id";

impl Section {
    /// "§ 12"
    pub fn label(&self) -> String {
        format!("§ {}", self.number)
    }

    /// The subject as the form's select writes it: "application:12", or "".
    pub fn subject_value(&self) -> String {
        match self.subject_id {
            Some(id) if !self.subject_kind.is_empty() => format!("{}:{id}", self.subject_kind),
            _ => String::new(),
        }
    }
}

/// The minutes as they were before a correction: kept as JSON in minutes_versions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub minutes: Minutes,
    pub sections: Vec<Section>,
}

pub async fn find<'e, E>(executor: E, meeting_id: i64) -> Result<Option<Minutes>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sql = format!("SELECT {MINUTES_COLUMNS} FROM minutes WHERE meeting_id = $1");
    sqlx::query_as(&sql)
        .bind(meeting_id)
        .fetch_optional(executor)
        .await
}

pub async fn sections<'e, E>(executor: E, minutes_id: i64) -> Result<Vec<Section>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sql = format!(
        "SELECT {SECTION_COLUMNS} FROM minutes_sections WHERE minutes_id = $1 ORDER BY position, number"
    );
    sqlx::query_as(&sql)
        .bind(minutes_id)
        .fetch_all(executor)
        .await
}

/// The § series of a meeting: its body, or the agreement's own meetings.
pub fn series(meeting: &Meeting) -> String {
    meeting
        .body_id
        .map_or_else(|| "agreement".to_string(), |id| id.to_string())
}

/// The meeting's day in Stockholm, YYYY-MM-DD.
pub fn meeting_date(meeting: &Meeting) -> String {
    time::local(&meeting.starts_at)
        .map(|z| z.date().to_string())
        .unwrap_or_else(|| meeting.starts_at.chars().take(10).collect())
}

fn meeting_year(meeting: &Meeting) -> i64 {
    time::local(&meeting.starts_at)
        .map(|z| i64::from(z.year()))
        .unwrap_or(0)
}

/// What a § or a decision may concern, as choices for a select:
/// ("application:12", "Ansökan: Föreningen X").
pub async fn subject_choices(
    db: &Db,
    lang: Lang,
    agreement_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let applications: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM applications WHERE agreement_id = $1 ORDER BY received_on DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    let elections: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, title FROM elections WHERE agreement_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    let plans: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, title FROM action_plans WHERE agreement_id = $1 ORDER BY first_year DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    let partnerships: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, title FROM partnerships WHERE agreement_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for (id, title) in plans {
        out.push((
            format!("action_plan:{id}"),
            lang.t_with("minutes-subject-action-plan", &[("name", title)]),
        ));
    }
    for (id, title) in partnerships {
        out.push((
            format!("partnership:{id}"),
            lang.t_with("minutes-subject-partnership", &[("name", title)]),
        ));
    }
    for (id, name) in applications {
        out.push((
            format!("application:{id}"),
            lang.t_with("minutes-subject-application", &[("name", name)]),
        ));
    }
    for (id, title) in elections {
        out.push((
            format!("election:{id}"),
            lang.t_with("minutes-subject-election", &[("name", title)]),
        ));
    }
    Ok(out)
}

/// A subject chosen on a form, checked against the agreement's: ("", None)
/// for none, or None when it is not one of them.
pub fn parse_subject(value: &str, choices: &[(String, String)]) -> Option<(String, Option<i64>)> {
    let value = value.trim();
    if value.is_empty() {
        return Some((String::new(), None));
    }
    if !choices.iter().any(|(v, _)| v == value) {
        return None;
    }
    let (kind, id) = value.split_once(':')?;
    Some((kind.to_string(), Some(id.parse().ok()?)))
}

/// Where a subject is shown, and its label.
pub fn subject_link(
    agreement_slug: &str,
    kind: &str,
    id: Option<i64>,
    choices: &[(String, String)],
) -> Option<(String, String)> {
    let id = id?;
    let path = match kind {
        "application" => format!("/{agreement_slug}/applications/{id}"),
        "election" => format!("/{agreement_slug}/elections/{id}"),
        "action_plan" => format!("/{agreement_slug}/plans/{id}"),
        "measure" => format!("/{agreement_slug}/measures/{id}"),
        "partnership" => format!("/{agreement_slug}/partnerships/{id}"),
        _ => return None,
    };
    let label = choices
        .iter()
        .find(|(v, _)| *v == format!("{kind}:{id}"))
        .map(|(_, l)| l.clone())
        .unwrap_or_else(|| format!("{kind} {id}"));
    Some((path, label))
}

async fn load(
    state: &AppState,
    slug: &str,
    id: i64,
) -> AppResult<(Agreement, Meeting, Option<Minutes>)> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let minutes = find(&state.db.pool, meeting.id).await?;
    Ok((agreement, meeting, minutes))
}

/// Minutes an editor may change: they exist and the visitor edits the agreement.
async fn load_for_editor(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: i64,
) -> AppResult<(Agreement, Meeting, Minutes)> {
    let (agreement, meeting, minutes) = load(state, slug, id).await?;
    ctx.require_editor(agreement.id)?;
    let minutes = minutes.ok_or(AppError::NotFound)?;
    Ok((agreement, meeting, minutes))
}

fn minutes_path(agreement: &Agreement, meeting: &Meeting) -> String {
    format!("{}/minutes", meeting.path(&agreement.slug))
}

fn back(state: &AppState, agreement: &Agreement, meeting: &Meeting, key: &str) -> Response {
    flash_redirect(&state.config, key, &minutes_path(agreement, meeting))
}

#[derive(Template)]
#[template(path = "web/templates/message.html")]
struct MessageView {
    page: Page,
    text: String,
    link: Option<(String, String)>,
}

/// The answer to a change of minutes that are no longer a draft.
fn refused(ctx: &Ctx, agreement: &Agreement, meeting: &Meeting) -> Response {
    let mut page = Page::new(ctx, "minutes-locked-title");
    page.for_agreement(ctx, agreement);
    (
        StatusCode::CONFLICT,
        render(&MessageView {
            text: ctx.t("minutes-locked-text"),
            link: Some((minutes_path(agreement, meeting), ctx.t("minutes-back"))),
            page,
        }),
    )
        .into_response()
}

// ---------------------------------------------------------------- the page

pub struct SectionLine {
    pub s: Section,
    pub subject: Option<(String, String)>,
}

pub struct Correction {
    pub version: i64,
    pub at: String,
    pub reason: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct HeaderInput {
    pub kind: String,
    pub chair: String,
    pub secretary: String,
    pub present: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SectionInput {
    pub title: String,
    pub discussion: String,
    pub decision: String,
    pub subject: String,
    pub reason: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AdjustInput {
    pub adjusters: String,
    pub adjusted_on: String,
}

#[derive(Template)]
#[template(path = "minutes/templates/minutes.html")]
struct MinutesView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    when: String,
    m: Minutes,
    sections: Vec<SectionLine>,
    corrections: Vec<Correction>,
    adjusted_on: Option<String>,
    can_edit: bool,
    header: HeaderInput,
    section: SectionInput,
    adjust: AdjustInput,
    errors: Errors,
    subjects: Vec<(String, String)>,
}

impl MinutesView {
    fn kind_label(&self) -> String {
        self.page.t(format!("minutes-kind-{}", self.m.kind))
    }
    fn state_label(&self) -> String {
        self.page.t(format!("minutes-state-{}", self.m.state))
    }
    fn base(&self) -> String {
        format!(
            "/{}/meetings/{}/minutes",
            self.agreement.slug, self.meeting.id
        )
    }
    fn show_pdf(&self) -> bool {
        !self.m.is_draft()
    }
}

#[derive(Template)]
#[template(path = "minutes/templates/new.html")]
struct NewView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    when: String,
    kind: String,
    errors: Errors,
}

pub(crate) async fn corrections(
    db: &Db,
    lang: Lang,
    minutes_id: i64,
) -> AppResult<Vec<Correction>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT version, at, reason FROM minutes_versions WHERE minutes_id = $1 ORDER BY version",
    )
    .bind(minutes_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, at, reason)| Correction {
            version,
            at: time::local(&at)
                .map(|z| long_date(lang, &z.date().to_string()))
                .unwrap_or(at),
            reason,
        })
        .collect())
}

struct Forms {
    header: Option<HeaderInput>,
    section: SectionInput,
    adjust: Option<AdjustInput>,
    errors: Errors,
}

impl Forms {
    fn empty() -> Forms {
        Forms {
            header: None,
            section: SectionInput::default(),
            adjust: None,
            errors: Errors::new(),
        }
    }
}

async fn minutes_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    meeting: Meeting,
    m: Minutes,
    forms: Forms,
) -> AppResult<Response> {
    let can_edit = ctx.edits(agreement.id);
    let subjects = subject_choices(&state.db, ctx.lang, agreement.id).await?;
    let sections = sections(&state.db.pool, m.id)
        .await?
        .into_iter()
        .map(|s| SectionLine {
            subject: subject_link(&agreement.slug, &s.subject_kind, s.subject_id, &subjects),
            s,
        })
        .collect();
    let title = ctx.lang.t_with(
        &format!("minutes-title-{}", m.kind),
        &[("meeting", meeting.title.clone())],
    );
    let mut page = Page::titled(ctx, title).with_errors(&forms.errors);
    page.for_agreement(ctx, &agreement);
    let status = forms.errors.status();
    let header = forms.header.unwrap_or_else(|| HeaderInput {
        kind: m.kind.clone(),
        chair: m.chair.clone(),
        secretary: m.secretary.clone(),
        present: m.present.clone(),
    });
    let adjust = forms.adjust.unwrap_or_else(|| AdjustInput {
        adjusters: m.adjusters.clone(),
        adjusted_on: m.adjusted_on.clone().unwrap_or_else(db::today),
    });
    let view = MinutesView {
        when: meeting.when(ctx.lang),
        corrections: corrections(&state.db, ctx.lang, m.id).await?,
        adjusted_on: m.adjusted_on.as_deref().map(|d| long_date(ctx.lang, d)),
        can_edit,
        sections,
        header,
        section: forms.section,
        adjust,
        errors: forms.errors,
        subjects,
        page,
        agreement,
        meeting,
        m,
    };
    Ok((status, render(&view)).into_response())
}

fn new_view(
    ctx: &Ctx,
    agreement: Agreement,
    meeting: Meeting,
    kind: String,
    errors: Errors,
) -> Response {
    let mut page = Page::titled(
        ctx,
        ctx.lang
            .t_with("minutes-new-title", &[("meeting", meeting.title.clone())]),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    (
        status,
        render(&NewView {
            when: meeting.when(ctx.lang),
            page,
            agreement,
            meeting,
            kind,
            errors,
        }),
    )
        .into_response()
}

/// The minutes of a meeting: public once published; before that only
/// editors see them, and they see the forms to write them.
async fn minutes_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, meeting, minutes) = load(&state, &slug, id).await?;
    let editor = ctx.edits(agreement.id);
    match minutes {
        Some(m) if m.is_published() || editor => {
            minutes_view(&state, &ctx, agreement, meeting, m, Forms::empty()).await
        }
        None if editor => {
            let kind = if meeting.body_id.is_some() {
                "protocol"
            } else {
                "notes"
            };
            Ok(new_view(
                &ctx,
                agreement,
                meeting,
                kind.into(),
                Errors::new(),
            ))
        }
        _ => Err(AppError::NotFound),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct KindInput {
    kind: String,
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<KindInput>,
) -> AppResult<Response> {
    let (agreement, meeting, _) = load(&state, &slug, id).await?;
    ctx.require_editor(agreement.id)?;
    if !KINDS.contains(&input.kind.as_str()) {
        let mut errors = Errors::new();
        errors.add("kind", "error-choose-one");
        return Ok(new_view(&ctx, agreement, meeting, input.kind, errors));
    }
    let now = db::now();
    // One set of minutes per meeting: a second "create" finds the first.
    let created: Option<i64> = sqlx::query_scalar(
        "INSERT INTO minutes (meeting_id, kind, state, created_at, updated_at)
         VALUES ($1, $2, 'draft', $3, $3) ON CONFLICT (meeting_id) DO NOTHING RETURNING id",
    )
    .bind(meeting.id)
    .bind(&input.kind)
    .bind(&now)
    .fetch_optional(&state.db.pool)
    .await?;
    if let Some(minutes_id) = created {
        crate::search::changed(&state.db.pool, crate::search::Kind::Minutes, minutes_id).await?;
    }
    Ok(back(&state, &agreement, &meeting, "flash-minutes-created"))
}

// ---------------------------------------------------------------- the draft

async fn save_header(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<HeaderInput>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    if !m.is_draft() {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    let mut errors = Errors::new();
    if !KINDS.contains(&input.kind.as_str()) {
        errors.add("kind", "error-choose-one");
    }
    for (field, text, max) in [
        ("chair", &input.chair, 200),
        ("secretary", &input.secretary, 200),
        ("present", &input.present, 5000),
    ] {
        if text.chars().count() > max {
            errors.add(field, "error-too-long");
        }
    }
    if !errors.is_empty() {
        let forms = Forms {
            header: Some(input),
            errors,
            ..Forms::empty()
        };
        return minutes_view(&state, &ctx, agreement, meeting, m, forms).await;
    }
    let changed = sqlx::query(
        "UPDATE minutes SET kind = $1, chair = $2, secretary = $3, present = $4, updated_at = $5
         WHERE id = $6 AND state = 'draft'",
    )
    .bind(&input.kind)
    .bind(input.chair.trim())
    .bind(input.secretary.trim())
    .bind(input.present.trim())
    .bind(db::now())
    .bind(m.id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    crate::search::changed(&state.db.pool, crate::search::Kind::Minutes, m.id).await?;
    Ok(back(&state, &agreement, &meeting, "flash-saved"))
}

/// A § as typed, checked.
pub struct ValidSection {
    pub title: String,
    pub discussion: String,
    pub decision: String,
    pub subject_kind: String,
    pub subject_id: Option<i64>,
}

fn validate_section(
    input: &SectionInput,
    subjects: &[(String, String)],
    errors: &mut Errors,
) -> Option<ValidSection> {
    let title = input.title.trim();
    if title.is_empty() {
        errors.add("title", "error-required");
    } else if title.chars().count() > 300 {
        errors.add("title", "error-too-long");
    }
    for (field, text) in [
        ("discussion", &input.discussion),
        ("decision", &input.decision),
    ] {
        if text.chars().count() > 20_000 {
            errors.add(field, "error-too-long");
        }
    }
    let subject = parse_subject(&input.subject, subjects);
    if subject.is_none() {
        errors.add("subject", "error-choose-one");
    }
    if !errors.is_empty() {
        return None;
    }
    let (subject_kind, subject_id) = subject?;
    Some(ValidSection {
        title: title.to_string(),
        discussion: input.discussion.trim().to_string(),
        decision: input.decision.trim().to_string(),
        subject_kind,
        subject_id,
    })
}

/// Adds a § to draft minutes with the next number of its series and year.
/// The number is taken by the insert itself; two editors adding at once
/// collide on the unique index, and the one who lost tries the next number.
pub async fn insert_section(
    db: &Db,
    agreement_id: i64,
    meeting: &Meeting,
    minutes_id: i64,
    s: &ValidSection,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let series = series(meeting);
    let year = meeting_year(meeting);
    let mut attempt = 0;
    loop {
        let inserted: Result<Option<(i64, i64)>, sqlx::Error> = sqlx::query_as(
            "INSERT INTO minutes_sections (minutes_id, agreement_id, series, year, number, position,
                title, discussion, decision, subject_kind, subject_id)
             SELECT $1, $2, $3, $4, n.next, p.next, $5, $6, $7, $8, $9
             FROM (SELECT COALESCE(MAX(number), 0) + 1 AS next FROM minutes_sections
                   WHERE agreement_id = $2 AND series = $3 AND year = $4) n,
                  (SELECT COALESCE(MAX(position), 0) + 1 AS next FROM minutes_sections
                   WHERE minutes_id = $1) p,
                  minutes m
             WHERE m.id = $1 AND m.state = 'draft'
             RETURNING id, number",
        )
        .bind(minutes_id)
        .bind(agreement_id)
        .bind(&series)
        .bind(year)
        .bind(&s.title)
        .bind(&s.discussion)
        .bind(&s.decision)
        .bind(&s.subject_kind)
        .bind(s.subject_id)
        .fetch_optional(&db.pool)
        .await;
        match inserted {
            Err(e) if db::is_unique_violation(&e) && attempt < 10 => attempt += 1,
            other => return other,
        }
    }
}

async fn add_section(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<SectionInput>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    if !m.is_draft() {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    let subjects = subject_choices(&state.db, ctx.lang, agreement.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate_section(&input, &subjects, &mut errors) else {
        let forms = Forms {
            section: input,
            errors,
            ..Forms::empty()
        };
        return minutes_view(&state, &ctx, agreement, meeting, m, forms).await;
    };
    let added = insert_section(&state.db, agreement.id, &meeting, m.id, &valid).await?;
    if added.is_none() {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    crate::search::changed(&state.db.pool, crate::search::Kind::Minutes, m.id).await?;
    Ok(back(
        &state,
        &agreement,
        &meeting,
        "flash-minutes-section-added",
    ))
}

#[derive(Template)]
#[template(path = "minutes/templates/section.html")]
struct SectionView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    s: Section,
    values: SectionInput,
    errors: Errors,
    subjects: Vec<(String, String)>,
    correcting: bool,
}

impl SectionView {
    fn action(&self) -> String {
        let base = format!(
            "/{}/meetings/{}/minutes/sections/{}",
            self.agreement.slug, self.meeting.id, self.s.id
        );
        if self.correcting {
            base + "/correct"
        } else {
            base
        }
    }
}

async fn find_section(db: &Db, minutes_id: i64, sid: i64) -> AppResult<Section> {
    let sql =
        format!("SELECT {SECTION_COLUMNS} FROM minutes_sections WHERE id = $1 AND minutes_id = $2");
    sqlx::query_as(&sql)
        .bind(sid)
        .bind(minutes_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

#[allow(clippy::too_many_arguments)]
async fn section_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    meeting: Meeting,
    s: Section,
    values: SectionInput,
    errors: Errors,
    correcting: bool,
) -> AppResult<Response> {
    let key = if correcting {
        "minutes-correct-title"
    } else {
        "minutes-section-edit-title"
    };
    let mut page =
        Page::titled(ctx, ctx.lang.t_with(key, &[("section", s.label())])).with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    let subjects = subject_choices(&state.db, ctx.lang, agreement.id).await?;
    Ok((
        status,
        render(&SectionView {
            page,
            agreement,
            meeting,
            s,
            values,
            errors,
            subjects,
            correcting,
        }),
    )
        .into_response())
}

fn values_of(s: &Section) -> SectionInput {
    SectionInput {
        title: s.title.clone(),
        discussion: s.discussion.clone(),
        decision: s.decision.clone(),
        subject: s.subject_value(),
        reason: String::new(),
    }
}

async fn section_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, sid)): Path<(String, i64, i64)>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    let s = find_section(&state.db, m.id, sid).await?;
    if !m.is_draft() {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    let values = values_of(&s);
    section_view(
        &state,
        &ctx,
        agreement,
        meeting,
        s,
        values,
        Errors::new(),
        false,
    )
    .await
}

async fn save_section(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, sid)): Path<(String, i64, i64)>,
    CsrfForm(input): CsrfForm<SectionInput>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    let s = find_section(&state.db, m.id, sid).await?;
    if !m.is_draft() {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    let subjects = subject_choices(&state.db, ctx.lang, agreement.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate_section(&input, &subjects, &mut errors) else {
        return section_view(&state, &ctx, agreement, meeting, s, input, errors, false).await;
    };
    // The state is checked by the same statement that writes, so an
    // adjustment in between leaves the adjusted text alone.
    let changed = sqlx::query(
        "UPDATE minutes_sections SET title = $1, discussion = $2, decision = $3, subject_kind = $4,
            subject_id = $5
         WHERE id = $6 AND minutes_id = $7
           AND EXISTS (SELECT 1 FROM minutes WHERE id = $7 AND state = 'draft')",
    )
    .bind(&valid.title)
    .bind(&valid.discussion)
    .bind(&valid.decision)
    .bind(&valid.subject_kind)
    .bind(valid.subject_id)
    .bind(s.id)
    .bind(m.id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    crate::search::changed(&state.db.pool, crate::search::Kind::Minutes, m.id).await?;
    Ok(back(&state, &agreement, &meeting, "flash-saved"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MoveInput {
    direction: String,
}

/// Moves a § up or down. Numbers follow the order, so the two swap their
/// numbers as well as their places.
async fn move_section(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, sid)): Path<(String, i64, i64)>,
    CsrfForm(input): CsrfForm<MoveInput>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    if !m.is_draft() {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    let mut tx = state.db.pool.begin().await?;
    // Takes the write lock first, and finds the minutes still a draft.
    let draft = sqlx::query("UPDATE minutes SET updated_at = $1 WHERE id = $2 AND state = 'draft'")
        .bind(db::now())
        .bind(m.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if draft == 0 {
        tx.rollback().await?;
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    let all = sections(&mut *tx, m.id).await?;
    let Some(i) = all.iter().position(|s| s.id == sid) else {
        return Err(AppError::NotFound);
    };
    let j = match input.direction.as_str() {
        "up" if i > 0 => Some(i - 1),
        "down" if i + 1 < all.len() => Some(i + 1),
        "up" | "down" => None,
        _ => return Err(AppError::BadRequest("direction".into())),
    };
    if let Some(j) = j {
        let (a, b) = (&all[i], &all[j]);
        // Through a negative number, as the unique index sees every step.
        for (id, number, position) in [
            (a.id, -a.number, b.position),
            (b.id, a.number, a.position),
            (a.id, b.number, b.position),
        ] {
            sqlx::query("UPDATE minutes_sections SET number = $1, position = $2 WHERE id = $3")
                .bind(number)
                .bind(position)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    crate::search::changed(&mut *tx, crate::search::Kind::Minutes, m.id).await?;
    tx.commit().await?;
    Ok(back(&state, &agreement, &meeting, "flash-saved"))
}

async fn delete_section(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, sid)): Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    find_section(&state.db, m.id, sid).await?;
    let deleted = sqlx::query(
        "DELETE FROM minutes_sections WHERE id = $1 AND minutes_id = $2
           AND EXISTS (SELECT 1 FROM minutes WHERE id = $2 AND state = 'draft')",
    )
    .bind(sid)
    .bind(m.id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if deleted == 0 {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    crate::search::changed(&state.db.pool, crate::search::Kind::Minutes, m.id).await?;
    Ok(back(
        &state,
        &agreement,
        &meeting,
        "flash-minutes-section-removed",
    ))
}

// ---------------------------------------------------------------- adjusting and publishing

async fn adjust(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<AdjustInput>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    if !m.is_draft() || !m.is_protocol() {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    let mut errors = Errors::new();
    if input.adjusters.trim().is_empty() {
        errors.add("adjusters", "error-minutes-adjusters-missing");
    } else if input.adjusters.chars().count() > 500 {
        errors.add("adjusters", "error-too-long");
    }
    let date = input.adjusted_on.trim().parse::<jiff::civil::Date>();
    if date.is_err() {
        errors.add("adjusted_on", "error-date");
    }
    let count = sections(&state.db.pool, m.id).await?.len();
    if count == 0 && errors.is_empty() {
        errors.add("adjusters", "error-minutes-empty");
    }
    if !errors.is_empty() {
        let forms = Forms {
            adjust: Some(input),
            errors,
            ..Forms::empty()
        };
        return minutes_view(&state, &ctx, agreement, meeting, m, forms).await;
    }
    let date = date.expect("checked").to_string();
    let mut tx = state.db.pool.begin().await?;
    let changed = sqlx::query(
        "UPDATE minutes SET state = 'adjusted', adjusters = $1, adjusted_on = $2, updated_at = $3
         WHERE id = $4 AND state = 'draft'",
    )
    .bind(input.adjusters.trim())
    .bind(&date)
    .bind(db::now())
    .bind(m.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    decisions::record_minutes(&mut tx, agreement.id, &meeting, m.id).await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Minutes, m.id).await?;
    tx.commit().await?;
    Ok(back(&state, &agreement, &meeting, "flash-minutes-adjusted"))
}

async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    // A protocol is published once adjusted; notes straight from the draft.
    let from = if m.is_protocol() { "adjusted" } else { "draft" };
    let mut tx = state.db.pool.begin().await?;
    let changed = sqlx::query(
        "UPDATE minutes SET state = 'published', published_at = $1, updated_at = $1
         WHERE id = $2 AND state = $3",
    )
    .bind(db::now())
    .bind(m.id)
    .bind(from)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    if !m.is_protocol() {
        decisions::record_minutes(&mut tx, agreement.id, &meeting, m.id).await?;
    }
    crate::search::changed(&mut *tx, crate::search::Kind::Minutes, m.id).await?;
    crate::subscriptions::record(
        &mut *tx,
        agreement.id,
        crate::subscriptions::Topic::Minutes,
        m.id,
        &db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(back(
        &state,
        &agreement,
        &meeting,
        "flash-minutes-published",
    ))
}

// ---------------------------------------------------------------- corrections

async fn correct_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, sid)): Path<(String, i64, i64)>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    let s = find_section(&state.db, m.id, sid).await?;
    if m.is_draft() {
        // A draft is simply edited.
        return Ok(Redirect::to(&format!(
            "{}/sections/{sid}",
            minutes_path(&agreement, &meeting)
        ))
        .into_response());
    }
    let values = values_of(&s);
    section_view(
        &state,
        &ctx,
        agreement,
        meeting,
        s,
        values,
        Errors::new(),
        true,
    )
    .await
}

/// A correction of adjusted minutes: the text as it was is kept as a
/// version, the change is made, the version counted up and the correction
/// logged, all at once.
async fn correct(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, sid)): Path<(String, i64, i64)>,
    CsrfForm(input): CsrfForm<SectionInput>,
) -> AppResult<Response> {
    let (agreement, meeting, m) = load_for_editor(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?.clone();
    let s = find_section(&state.db, m.id, sid).await?;
    if m.is_draft() {
        return Ok(refused(&ctx, &agreement, &meeting));
    }
    let subjects = subject_choices(&state.db, ctx.lang, agreement.id).await?;
    let mut errors = Errors::new();
    let valid = validate_section(&input, &subjects, &mut errors);
    if input.reason.trim().is_empty() {
        errors.add("reason", "error-minutes-reason-missing");
    } else if input.reason.chars().count() > 2000 {
        errors.add("reason", "error-too-long");
    }
    let Some(valid) = valid.filter(|_| errors.is_empty()) else {
        return section_view(&state, &ctx, agreement, meeting, s, input, errors, true).await;
    };
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let before = find(&mut *tx, meeting.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let new_version: Option<i64> = sqlx::query_scalar(
        "UPDATE minutes SET version = version + 1, updated_at = $1
         WHERE id = $2 AND state IN ('adjusted', 'published') AND version = $3 RETURNING version",
    )
    .bind(&now)
    .bind(m.id)
    .bind(before.version)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(new_version) = new_version else {
        tx.rollback().await?;
        return Ok(refused(&ctx, &agreement, &meeting));
    };
    let snapshot = Snapshot {
        sections: sections(&mut *tx, m.id).await?,
        minutes: before,
    };
    let content = serde_json::to_string(&snapshot).map_err(AppError::internal)?;
    sqlx::query(
        "INSERT INTO minutes_versions (minutes_id, version, content, reason, user_id, at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(m.id)
    .bind(new_version - 1)
    .bind(&content)
    .bind(input.reason.trim())
    .bind(user.id)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE minutes_sections SET title = $1, discussion = $2, decision = $3, subject_kind = $4,
            subject_id = $5
         WHERE id = $6 AND minutes_id = $7",
    )
    .bind(&valid.title)
    .bind(&valid.discussion)
    .bind(&valid.decision)
    .bind(&valid.subject_kind)
    .bind(valid.subject_id)
    .bind(s.id)
    .bind(m.id)
    .execute(&mut *tx)
    .await?;
    // The register shows the current text.
    decisions::record_minutes(&mut tx, agreement.id, &meeting, m.id).await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Minutes, m.id).await?;
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "minutes.correct",
        format!(
            "{} ({}) {}: version {new_version}: {}",
            meeting.title,
            meeting_date(&meeting),
            s.label(),
            input.reason.trim()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(back(
        &state,
        &agreement,
        &meeting,
        "flash-minutes-corrected",
    ))
}

#[derive(Template)]
#[template(path = "minutes/templates/version.html")]
struct VersionView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    when: String,
    version: i64,
    current: i64,
    reason: String,
    at: String,
    old: Snapshot,
}

impl VersionView {
    fn base(&self) -> String {
        format!(
            "/{}/meetings/{}/minutes",
            self.agreement.slug, self.meeting.id
        )
    }
}

/// An earlier text of corrected minutes.
async fn version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, n)): Path<(String, i64, i64)>,
) -> AppResult<Response> {
    let (agreement, meeting, minutes) = load(&state, &slug, id).await?;
    let m = minutes
        .filter(|m| m.is_published() || ctx.edits(agreement.id))
        .ok_or(AppError::NotFound)?;
    let (content, reason, at): (String, String, String) = sqlx::query_as(
        "SELECT content, reason, at FROM minutes_versions WHERE minutes_id = $1 AND version = $2",
    )
    .bind(m.id)
    .bind(n)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let old: Snapshot = serde_json::from_str(&content).map_err(AppError::internal)?;
    let mut page = Page::titled(
        &ctx,
        ctx.lang.t_with(
            "minutes-version-title",
            &[
                ("meeting", meeting.title.clone()),
                ("version", n.to_string()),
            ],
        ),
    );
    page.for_agreement(&ctx, &agreement);
    Ok(render(&VersionView {
        when: meeting.when(ctx.lang),
        at: time::local(&at)
            .map(|z| long_date(ctx.lang, &z.date().to_string()))
            .unwrap_or(at),
        version: n,
        current: m.version,
        reason,
        old,
        page,
        agreement,
        meeting,
    }))
}

// ---------------------------------------------------------------- PDF

async fn pdf_download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, meeting, minutes) = load(&state, &slug, id).await?;
    let m = minutes
        .filter(|m| m.is_published() || (!m.is_draft() && ctx.edits(agreement.id)))
        .ok_or(AppError::NotFound)?;
    let subjects = subject_choices(&state.db, ctx.lang, agreement.id).await?;
    let all = sections(&state.db.pool, m.id).await?;
    let corrections = corrections(&state.db, ctx.lang, m.id).await?;
    let bytes = pdf::minutes(&pdf::Input {
        lang: ctx.lang,
        agreement: &agreement,
        meeting: &meeting,
        minutes: &m,
        sections: &all,
        subjects: &subjects,
        corrections: &corrections,
    });
    let file = format!("minutes-{}-{}.pdf", meeting_date(&meeting), meeting.id);
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
