//! Applications to join an agreement: a person applies on behalf of an
//! organisation, the secretariat prepares the case, and the decision (by the
//! steering group, recorded with its date and minutes section) either makes
//! the organisation a signatory or gives the reason why not. Signatories can
//! also leave, and rejoin by applying again.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::agreements::{self, Agreement, long_date};
use crate::db::{self, Db};
use crate::mail;
use crate::organisations::{
    self, KINDS, LEVELS, legal_form, municipalities, org_number::OrgNumber,
};
use crate::web::context::{flash, flash_redirect};
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub const STATES: [&str; 5] = [
    "submitted",
    "preparing",
    "approved",
    "rejected",
    "withdrawn",
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/apply", get(apply_form).post(apply))
        .route("/{slug}/applications", get(queue))
        .route("/{slug}/applications/{id}", get(show))
        .route("/{slug}/applications/{id}/prepare", post(prepare))
        .route("/{slug}/applications/{id}/decide", post(decide))
        .route("/{slug}/applications/{id}/withdraw", post(withdraw))
        .route(
            "/{slug}/signatories/{org}/leave",
            get(leave_form).post(leave),
        )
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

// ---------------------------------------------------------------- applying

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ApplicationInput {
    pub name: String,
    pub org_number: String,
    pub legal_form: String,
    pub kind: String,
    pub level: String,
    pub municipalities: String,
    pub website: String,
    pub description: String,
    pub motivation: String,
    pub regional_perspective: String,
    pub endorses_principles: String,
}

/// An application that passed every check, ready to be stored.
pub struct ValidApplication {
    pub name: String,
    pub org_number: OrgNumber,
    pub legal_form: String,
    pub kind: String,
    pub level: String,
    pub municipality_codes: Vec<String>,
    pub website: String,
    pub description: String,
    pub motivation: String,
    pub regional_perspective: String,
}

/// Municipalities written by name or code, separated by commas; unknown ones
/// are an error naming the first of them.
pub fn parse_municipalities(text: &str) -> Result<Vec<String>, String> {
    let mut codes = Vec::new();
    for part in text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let found = municipalities::MUNICIPALITIES
            .iter()
            .find(|m| m.code == part || m.name.to_lowercase() == part.to_lowercase());
        match found {
            Some(m) if !codes.contains(&m.code.to_string()) => codes.push(m.code.to_string()),
            Some(_) => {}
            None => return Err(part.to_string()),
        }
    }
    Ok(codes)
}

impl ApplicationInput {
    pub fn validate(&self, errors: &mut Errors) -> Option<ValidApplication> {
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "error-organisation-name-missing");
        } else if name.chars().count() > 200 {
            errors.add("name", "error-name-long");
        }
        let number = OrgNumber::parse(&self.org_number)
            .map_err(|e| errors.add("org_number", e.message_key()))
            .ok();
        if legal_form::legal_form(&self.legal_form).is_none() {
            errors.add("legal_form", "error-choose-one");
        }
        if !KINDS.contains(&self.kind.as_str()) {
            errors.add("kind", "error-choose-one");
        }
        if !LEVELS.contains(&self.level.as_str()) {
            errors.add("level", "error-choose-one");
        }
        let codes = parse_municipalities(&self.municipalities)
            .map_err(|_| errors.add("municipalities", "error-municipality-unknown"))
            .ok();
        let website = self.website.trim();
        if !(website.is_empty()
            || website.starts_with("https://")
            || website.starts_with("http://"))
        {
            errors.add("website", "error-website");
        }
        if self.motivation.trim().is_empty() {
            errors.add("motivation", "error-motivation-missing");
        }
        if self.regional_perspective.trim().is_empty() {
            errors.add("regional_perspective", "error-regional-perspective-missing");
        }
        if self.endorses_principles != "yes" {
            errors.add("endorses_principles", "error-endorse-principles");
        }
        for (field, text) in [
            ("description", &self.description),
            ("motivation", &self.motivation),
            ("regional_perspective", &self.regional_perspective),
        ] {
            if text.chars().count() > 5000 {
                errors.add(field, "error-too-long");
            }
        }
        if !errors.is_empty() {
            return None;
        }
        Some(ValidApplication {
            name: name.to_string(),
            org_number: number?,
            legal_form: self.legal_form.clone(),
            kind: self.kind.clone(),
            level: self.level.clone(),
            municipality_codes: codes?,
            website: website.to_string(),
            description: self.description.trim().to_string(),
            motivation: self.motivation.trim().to_string(),
            regional_perspective: self.regional_perspective.trim().to_string(),
        })
    }
}

pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "applications/templates/apply.html")]
struct ApplyView {
    page: Page,
    agreement: Agreement,
    values: ApplicationInput,
    errors: Errors,
    legal_forms: Vec<Choice>,
    kinds: Vec<Choice>,
    levels: Vec<Choice>,
    can_apply: bool,
}

fn apply_view(
    ctx: &Ctx,
    agreement: Agreement,
    values: ApplicationInput,
    errors: Errors,
) -> Response {
    let lang = ctx.lang;
    let mut page = Page::titled(
        ctx,
        lang.t_with(
            "apply-title",
            &[("agreement", agreement.short_name.clone())],
        ),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    let view = ApplyView {
        legal_forms: legal_form::LEGAL_FORMS
            .iter()
            .map(|f| Choice {
                value: f.code,
                label: if lang == Lang::En {
                    f.en.into()
                } else {
                    f.sv.into()
                },
            })
            .collect(),
        kinds: KINDS
            .iter()
            .map(|k| Choice {
                value: k,
                label: lang.t(&format!("kind-{k}")),
            })
            .collect(),
        levels: LEVELS
            .iter()
            .map(|l| Choice {
                value: l,
                label: lang.t(&format!("level-{l}")),
            })
            .collect(),
        can_apply: ctx.user.as_ref().is_some_and(|u| u.email_verified),
        page,
        agreement,
        values,
        errors,
    };
    (status, render(&view)).into_response()
}

async fn apply_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_user()?;
    Ok(apply_view(
        &ctx,
        agreement,
        ApplicationInput::default(),
        Errors::new(),
    ))
}

/// Everyone who prepares applications for an agreement: its editors and administrators.
async fn editors(db: &Db, agreement_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT u.email FROM roles r JOIN users u ON u.id = r.user_id
         WHERE r.agreement_id = $1 AND r.role IN ('editor', 'administrator') ORDER BY u.email",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<ApplicationInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let user = ctx.require_user()?.clone();
    if !user.email_verified {
        return Err(AppError::Forbidden);
    }
    let mut errors = Errors::new();
    let Some(valid) = input.validate(&mut errors) else {
        return Ok(apply_view(&ctx, agreement, input, errors));
    };
    // An organisation already in the register is the one applying.
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organisations WHERE org_number = $1")
            .bind(valid.org_number.as_str())
            .fetch_optional(&state.db.pool)
            .await?;
    if let Some(org_id) = existing {
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM signatories WHERE agreement_id = $1 AND organisation_id = $2 AND left_on IS NULL",
        )
        .bind(agreement.id)
        .bind(org_id)
        .fetch_one(&state.db.pool)
        .await?;
        if open > 0 {
            errors.add("org_number", "error-already-signatory");
            return Ok(apply_view(&ctx, agreement, input, errors));
        }
    }
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO applications (agreement_id, organisation_id, applicant_id, state, received_on,
            name, org_number, legal_form, kind, level, municipalities, website, description,
            motivation, regional_perspective, endorses_principles, created_at, updated_at)
         VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15, $15)
         RETURNING id",
    )
    .bind(agreement.id)
    .bind(existing)
    .bind(user.id)
    .bind(today().to_string())
    .bind(&valid.name)
    .bind(valid.org_number.as_str())
    .bind(&valid.legal_form)
    .bind(&valid.kind)
    .bind(&valid.level)
    .bind(valid.municipality_codes.join(","))
    .bind(&valid.website)
    .bind(&valid.description)
    .bind(&valid.motivation)
    .bind(&valid.regional_perspective)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    let link = state
        .config
        .absolute(&format!("/{}/applications/{id}", agreement.slug));
    let args = [
        ("name", user.name.clone()),
        ("organisation", valid.name.clone()),
        ("agreement", agreement.name.clone()),
        ("link", link),
    ];
    mail::enqueue(
        &mut *tx,
        &user.email,
        &ctx.lang.t_with("mail-application-received-subject", &args),
        &ctx.lang.t_with("mail-application-received-body", &args),
    )
    .await?;
    for editor in editors(&state.db, agreement.id).await? {
        let sv = Lang::Sv;
        mail::enqueue(
            &mut *tx,
            &editor,
            &sv.t_with("mail-application-new-subject", &args),
            &sv.t_with("mail-application-new-body", &args),
        )
        .await?;
    }
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "flash-application-received",
        &format!("/{}/applications/{id}", agreement.slug),
    ))
}

// ---------------------------------------------------------------- the queue

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub name: String,
    pub org_number: Option<String>,
    pub state: String,
    pub received_on: String,
    pub case_number: String,
}

pub struct QueueLine {
    pub row: ApplicationRow,
    pub age_days: i64,
}

#[derive(Template)]
#[template(path = "applications/templates/queue.html")]
struct QueueView {
    page: Page,
    agreement: Agreement,
    counts: Vec<(String, i64)>,
    open: Vec<QueueLine>,
    decided: Vec<ApplicationRow>,
}

fn age_in_days(received_on: &str) -> i64 {
    received_on
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| (today() - d).total(jiff::Unit::Day).ok())
        .map_or(0, |days| days as i64)
}

async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let pool = &state.db.pool;
    let by_state: Vec<(String, i64)> = sqlx::query_as(
        "SELECT state, COUNT(*) FROM applications WHERE agreement_id = $1 GROUP BY state",
    )
    .bind(agreement.id)
    .fetch_all(pool)
    .await?;
    let counts = STATES
        .iter()
        .map(|s| {
            (
                s.to_string(),
                by_state.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n),
            )
        })
        .collect();
    let open: Vec<ApplicationRow> = sqlx::query_as(
        "SELECT id, name, org_number, state, received_on, case_number FROM applications
         WHERE agreement_id = $1 AND state IN ('submitted', 'preparing') ORDER BY received_on, id",
    )
    .bind(agreement.id)
    .fetch_all(pool)
    .await?;
    let decided: Vec<ApplicationRow> = sqlx::query_as(
        "SELECT id, name, org_number, state, received_on, case_number FROM applications
         WHERE agreement_id = $1 AND state NOT IN ('submitted', 'preparing')
         ORDER BY updated_at DESC LIMIT 50",
    )
    .bind(agreement.id)
    .fetch_all(pool)
    .await?;
    let mut page = Page::new(&ctx, "queue-title");
    page.for_agreement(&ctx, &agreement);
    Ok(render(&QueueView {
        page,
        agreement,
        counts,
        open: open
            .into_iter()
            .map(|row| QueueLine {
                age_days: age_in_days(&row.received_on),
                row,
            })
            .collect(),
        decided,
    }))
}

// ---------------------------------------------------------------- one application

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Application {
    pub id: i64,
    pub agreement_id: i64,
    pub organisation_id: Option<i64>,
    pub applicant_id: Option<i64>,
    pub state: String,
    pub received_on: String,
    pub case_number: String,
    pub name: String,
    pub org_number: Option<String>,
    pub legal_form: String,
    pub kind: String,
    pub level: String,
    pub municipalities: String,
    pub website: String,
    pub description: String,
    pub motivation: String,
    pub regional_perspective: String,
    pub decided_by_body: String,
    pub decided_on: Option<String>,
    pub decision_section: String,
    pub rejection_reason: String,
}

const APPLICATION_COLUMNS: &str = "id, agreement_id, organisation_id, applicant_id, state, received_on,
    case_number, name, org_number, legal_form, kind, level, municipalities, website, description,
    motivation, regional_perspective, decided_by_body, decided_on, decision_section, rejection_reason";

async fn load<'e, E>(executor: E, agreement: &Agreement, id: i64) -> AppResult<Application>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1 AND agreement_id = $2"
    );
    sqlx::query_as(&sql)
        .bind(id)
        .bind(agreement.id)
        .fetch_optional(executor)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    pub decision: String,
    pub body: String,
    pub decided_on: String,
    pub section: String,
    pub reason: String,
    pub case_number: String,
}

#[derive(Template)]
#[template(path = "applications/templates/show.html")]
struct ShowView {
    page: Page,
    agreement: Agreement,
    a: Application,
    received: String,
    decided: Option<String>,
    legal_form: String,
    municipalities: String,
    editor: bool,
    applicant: bool,
    values: DecisionInput,
    errors: Errors,
    /// The decision's row in the decisions register.
    register_decision: Option<i64>,
}

impl ShowView {
    fn state_label(&self) -> String {
        self.page.t(format!("application-state-{}", self.a.state))
    }

    fn kind_label(&self) -> String {
        self.page.t(format!("kind-{}", self.a.kind))
    }

    fn level_label(&self) -> String {
        self.page.t(format!("level-{}", self.a.level))
    }

    fn open(&self) -> bool {
        self.a.state == "submitted" || self.a.state == "preparing"
    }
}

async fn show_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    a: Application,
    values: DecisionInput,
    errors: Errors,
) -> AppResult<Response> {
    let editor = ctx.edits(agreement.id);
    let applicant = ctx
        .user
        .as_ref()
        .is_some_and(|u| Some(u.id) == a.applicant_id);
    if !editor && !applicant {
        ctx.require_user()?;
        return Err(AppError::Forbidden);
    }
    let register_decision = crate::minutes::decisions::for_subject(
        &state.db,
        agreement.id,
        "application",
        a.id,
        editor,
    )
    .await?;
    let lang = ctx.lang;
    let mut page = Page::titled(
        ctx,
        lang.t_with("application-title", &[("organisation", a.name.clone())]),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    let view = ShowView {
        received: long_date(lang, &a.received_on),
        decided: a.decided_on.as_deref().map(|d| long_date(lang, d)),
        legal_form: organisations::legal_form_name(lang, &a.legal_form),
        municipalities: a
            .municipalities
            .split(',')
            .filter_map(municipalities::municipality)
            .map(|m| m.name)
            .collect::<Vec<_>>()
            .join(", "),
        editor,
        applicant,
        register_decision,
        page,
        agreement,
        a,
        values,
        errors,
    };
    Ok((status, render(&view)).into_response())
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let a = load(&state.db.pool, &agreement, id).await?;
    let values = DecisionInput {
        decided_on: today().to_string(),
        body: "Styrgruppen".into(),
        case_number: a.case_number.clone(),
        ..DecisionInput::default()
    };
    show_view(&state, &ctx, agreement, a, values, Errors::new()).await
}

async fn prepare(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<DecisionInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    sqlx::query(
        "UPDATE applications SET state = 'preparing', case_number = $1, updated_at = $2
         WHERE id = $3 AND agreement_id = $4 AND state IN ('submitted', 'preparing')",
    )
    .bind(input.case_number.trim())
    .bind(db::now())
    .bind(id)
    .bind(agreement.id)
    .execute(&state.db.pool)
    .await?;
    Ok(flash_redirect(
        &state.config,
        "flash-application-preparing",
        &format!("/{}/applications/{id}", agreement.slug),
    ))
}

/// "Styrgruppen 2019-03-12 § 14"
pub fn decision_reference(body: &str, date: &str, section: &str) -> String {
    let mut text = format!("{} {date}", body.trim());
    if !section.trim().is_empty() {
        text += &format!(" § {}", section.trim().trim_start_matches('§').trim());
    }
    text
}

async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<DecisionInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let user = ctx.require_user()?.clone();
    let mut errors = Errors::new();
    let approve = match input.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            errors.add("decision", "error-choose-one");
            false
        }
    };
    if input.body.trim().is_empty() {
        errors.add("body", "error-decision-body-missing");
    }
    let date = input.decided_on.trim().parse::<jiff::civil::Date>();
    if date.is_err() {
        errors.add("decided_on", "error-date");
    }
    if input.decision == "reject" && input.reason.trim().is_empty() {
        errors.add("reason", "error-rejection-reason-missing");
    }
    if !errors.is_empty() {
        let a = load(&state.db.pool, &agreement, id).await?;
        return show_view(&state, &ctx, agreement, a, input, errors).await;
    }
    let date = date.expect("checked").to_string();
    let mut tx = state.db.pool.begin().await?;
    // The decision is taken by the one statement that finds the application
    // still open, so two editors deciding at once make exactly one decision.
    let decided = sqlx::query(
        "UPDATE applications SET state = $1, decided_by_body = $2, decided_on = $3,
            decision_section = $4, rejection_reason = $5, decided_by_user = $6, updated_at = $7
         WHERE id = $8 AND agreement_id = $9 AND state IN ('submitted', 'preparing')",
    )
    .bind(if approve { "approved" } else { "rejected" })
    .bind(input.body.trim())
    .bind(&date)
    .bind(input.section.trim())
    .bind(if approve { "" } else { input.reason.trim() })
    .bind(user.id)
    .bind(db::now())
    .bind(id)
    .bind(agreement.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if decided == 0 {
        tx.rollback().await?;
        return Ok((
            StatusCode::CONFLICT,
            [flash(&state.config, "flash-application-already-decided")],
            Redirect::to(&format!("/{}/applications/{id}", agreement.slug)),
        )
            .into_response());
    }
    let a = load(&mut *tx, &agreement, id).await?;
    if approve {
        let org_id = admit(
            &mut tx,
            &agreement,
            &a,
            &date,
            &decision_reference(&input.body, &date, &input.section),
        )
        .await?;
        sqlx::query("UPDATE applications SET organisation_id = $1 WHERE id = $2")
            .bind(org_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    // The register gets the decision too, unless minutes recorded it.
    crate::minutes::decisions::record_application(
        &mut tx,
        agreement.id,
        a.id,
        &input.body,
        &date,
        &input.section,
        &crate::minutes::decisions::application_text(approve, &a.name, &input.reason),
    )
    .await?;
    if let Some(applicant_id) = a.applicant_id {
        let (email, name, language): (String, String, String) =
            sqlx::query_as("SELECT email, name, language FROM users WHERE id = $1")
                .bind(applicant_id)
                .fetch_one(&mut *tx)
                .await?;
        let lang = Lang::parse(&language).unwrap_or_default();
        let args = [
            ("name", name),
            ("organisation", a.name.clone()),
            ("agreement", agreement.name.clone()),
            ("date", long_date(lang, &date)),
            ("reason", input.reason.trim().to_string()),
            (
                "link",
                state
                    .config
                    .absolute(&format!("/{}/applications/{id}", agreement.slug)),
            ),
        ];
        let key = if approve {
            "mail-application-approved"
        } else {
            "mail-application-rejected"
        };
        mail::enqueue(
            &mut *tx,
            &email,
            &lang.t_with(&format!("{key}-subject"), &args),
            &lang.t_with(&format!("{key}-body"), &args),
        )
        .await?;
    }
    tx.commit().await?;
    state.mail_queued.notify_one();
    let flash_key = if approve {
        "flash-application-approved"
    } else {
        "flash-application-rejected"
    };
    Ok(flash_redirect(
        &state.config,
        flash_key,
        &format!("/{}/applications/{id}", agreement.slug),
    ))
}

/// Makes the applying organisation a signatory from the decision date:
/// creates its profile if it is new, and lets the applicant keep it.
async fn admit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agreement: &Agreement,
    a: &Application,
    date: &str,
    decision: &str,
) -> AppResult<i64> {
    let now = db::now();
    let existing: Option<i64> = match (&a.organisation_id, &a.org_number) {
        (Some(id), _) => Some(*id),
        (None, Some(number)) => {
            sqlx::query_scalar("SELECT id FROM organisations WHERE org_number = $1")
                .bind(number)
                .fetch_optional(&mut **tx)
                .await?
        }
        (None, None) => None,
    };
    let org_id = match existing {
        Some(id) => id,
        None => {
            let slug = unique_slug(tx, &organisations::slugify(&a.name)).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO organisations (slug, name, name_key, org_number, legal_form, kind, level,
                    website, description, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            )
            .bind(&slug)
            .bind(&a.name)
            .bind(organisations::name_key(&a.name))
            .bind(&a.org_number)
            .bind(&a.legal_form)
            .bind(&a.kind)
            .bind(&a.level)
            .bind(&a.website)
            .bind(&a.description)
            .bind(&now)
            .fetch_one(&mut **tx)
            .await?;
            for code in a.municipalities.split(',').filter(|c| !c.is_empty()) {
                sqlx::query("INSERT INTO organisation_municipalities (organisation_id, code) VALUES ($1, $2)")
                    .bind(id)
                    .bind(code)
                    .execute(&mut **tx)
                    .await?;
            }
            id
        }
    };
    // The unique index on open periods refuses a second one; an organisation
    // that is already a signatory stays one, from its original date.
    let inserted = sqlx::query(
        "INSERT INTO signatories (agreement_id, organisation_id, joined_on, application_id, decision_ref, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(agreement.id)
    .bind(org_id)
    .bind(date)
    .bind(a.id)
    .bind(decision)
    .bind(crate::db::now())
    .execute(&mut **tx)
    .await?;
    if inserted.rows_affected() == 0 {
        tracing::info!(org_id, "approved organisation was already a signatory");
    }
    // A new organisation, or a new agreement in an existing one's entry.
    if existing.is_none() || inserted.rows_affected() > 0 {
        crate::search::changed(&mut **tx, crate::search::Kind::Organisation, org_id).await?;
    }
    if let Some(user_id) = a.applicant_id {
        organisations::representatives::add(tx, org_id, user_id).await?;
    }
    Ok(org_id)
}

/// The slug itself, or with -2, -3 ... when taken.
async fn unique_slug(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    base: &str,
) -> Result<String, sqlx::Error> {
    let base = if base.is_empty() {
        "organisation"
    } else {
        base
    };
    let mut candidate = base.to_string();
    for n in 2.. {
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM organisations WHERE slug = $1")
            .bind(&candidate)
            .fetch_optional(&mut **tx)
            .await?;
        if taken.is_none() {
            break;
        }
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}

async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let user = ctx.require_user()?;
    let changed = sqlx::query(
        "UPDATE applications SET state = 'withdrawn', updated_at = $1
         WHERE id = $2 AND agreement_id = $3 AND applicant_id = $4 AND state IN ('submitted', 'preparing')",
    )
    .bind(db::now())
    .bind(id)
    .bind(agreement.id)
    .bind(user.id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if changed == 0 {
        // Not the applicant's, or already decided: show them where it stands.
        load(&state.db.pool, &agreement, id).await?;
    }
    Ok((
        [flash(
            &state.config,
            if changed == 0 {
                "flash-application-already-decided"
            } else {
                "flash-application-withdrawn"
            },
        )],
        Redirect::to(&format!("/{}/applications/{id}", agreement.slug)),
    )
        .into_response())
}

// ---------------------------------------------------------------- leaving

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LeaveInput {
    pub left_on: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "applications/templates/leave.html")]
struct LeaveView {
    page: Page,
    agreement: Agreement,
    org: organisations::Organisation,
    values: LeaveInput,
    errors: Errors,
}

async fn leave_view(
    ctx: &Ctx,
    agreement: Agreement,
    org: organisations::Organisation,
    values: LeaveInput,
    errors: Errors,
) -> Response {
    let mut page = Page::titled(
        ctx,
        ctx.lang
            .t_with("leave-title", &[("organisation", org.name.clone())]),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    (
        status,
        render(&LeaveView {
            page,
            agreement,
            org,
            values,
            errors,
        }),
    )
        .into_response()
}

/// The secretariat, or the organisation's own representative, records that it leaves.
async fn may_record_leaving(
    db: &Db,
    ctx: &Ctx,
    agreement: &Agreement,
    org_id: i64,
) -> AppResult<()> {
    let user = ctx.require_user()?;
    if ctx.edits(agreement.id) {
        return Ok(());
    }
    let represents: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM organisation_representatives WHERE organisation_id = $1 AND user_id = $2",
    )
    .bind(org_id)
    .bind(user.id)
    .fetch_optional(&db.pool)
    .await?;
    if represents.is_some() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn leave_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, org_slug)): Path<(String, String)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let org = organisations::by_slug(&state.db, &org_slug).await?;
    may_record_leaving(&state.db, &ctx, &agreement, org.id).await?;
    let values = LeaveInput {
        left_on: today().to_string(),
        reason: String::new(),
    };
    Ok(leave_view(&ctx, agreement, org, values, Errors::new()).await)
}

async fn leave(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, org_slug)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<LeaveInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let org = organisations::by_slug(&state.db, &org_slug).await?;
    may_record_leaving(&state.db, &ctx, &agreement, org.id).await?;
    let mut errors = Errors::new();
    let date = input.left_on.trim().parse::<jiff::civil::Date>();
    if date.is_err() {
        errors.add("left_on", "error-date");
    }
    if input.reason.trim().is_empty() {
        errors.add("reason", "error-leave-reason-missing");
    }
    if let Ok(date) = &date {
        let joined: Option<String> = sqlx::query_scalar(
            "SELECT joined_on FROM signatories WHERE agreement_id = $1 AND organisation_id = $2 AND left_on IS NULL",
        )
        .bind(agreement.id)
        .bind(org.id)
        .fetch_optional(&state.db.pool)
        .await?;
        match joined {
            None => errors.add("left_on", "error-not-a-signatory"),
            Some(j) if date.to_string() <= j => errors.add("left_on", "error-left-before-joined"),
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Ok(leave_view(&ctx, agreement, org, input, errors).await);
    }
    let left_on = date.expect("checked").to_string();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE signatories SET left_on = $1, leave_reason = $2, updated_at = $3
         WHERE agreement_id = $4 AND organisation_id = $5 AND left_on IS NULL",
    )
    .bind(&left_on)
    .bind(input.reason.trim())
    .bind(crate::db::now())
    .bind(agreement.id)
    .bind(org.id)
    .execute(&mut *tx)
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Organisation, org.id).await?;
    crate::db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "signatory.left",
        format!("{} {left_on}", org.slug),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-signatory-left",
        &format!("/organisations/{}", org.slug),
    ))
}
