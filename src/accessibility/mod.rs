//! The accessibility statement (tillgänglighetsredogörelse) with the fields
//! DIGG asks for, editable by administrators, and the form on which anyone
//! can report an accessibility problem.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::accounts::email::Email;
use crate::accounts::rate_limit;
use crate::db::{self, Db};
use crate::mail;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accessibility", get(statement))
        .route("/accessibility/edit", get(edit_form).post(edit))
        .route("/accessibility/report", get(report_form).post(report))
}

pub fn sitemap() -> Vec<String> {
    vec!["/accessibility".into(), "/accessibility/report".into()]
}

/// Compliance as DIGG's model statement words it.
pub const COMPLIANCE: [&str; 3] = ["full", "partial", "none"];

#[derive(Debug, Default, Clone, Deserialize, sqlx::FromRow)]
#[serde(default)]
pub struct Statement {
    pub organisation: String,
    pub website: String,
    pub compliance: String,
    pub non_accessible: String,
    pub disproportionate_burden: String,
    pub out_of_scope: String,
    pub assessment_method: String,
    pub prepared_on: String,
    pub reviewed_on: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub response_time: String,
}

pub async fn load(db: &Db) -> Result<Statement, sqlx::Error> {
    let found: Option<Statement> = sqlx::query_as(
        "SELECT organisation, website, compliance, non_accessible, disproportionate_burden,
                out_of_scope, assessment_method, prepared_on, reviewed_on, contact_email,
                contact_phone, response_time
         FROM accessibility_statement WHERE id = 1",
    )
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.unwrap_or_else(|| Statement {
        organisation: "Överens".into(),
        website: "Överens".into(),
        compliance: "partial".into(),
        assessment_method: "self".into(),
        prepared_on: jiff::Zoned::now().date().to_string(),
        reviewed_on: jiff::Zoned::now().date().to_string(),
        response_time: "5".into(),
        ..Statement::default()
    }))
}

pub async fn save(db: &Db, s: &Statement) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO accessibility_statement (id, organisation, website, compliance, non_accessible,
            disproportionate_burden, out_of_scope, assessment_method, prepared_on, reviewed_on,
            contact_email, contact_phone, response_time, updated_at)
         VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation,
            website = excluded.website, compliance = excluded.compliance,
            non_accessible = excluded.non_accessible,
            disproportionate_burden = excluded.disproportionate_burden,
            out_of_scope = excluded.out_of_scope, assessment_method = excluded.assessment_method,
            prepared_on = excluded.prepared_on, reviewed_on = excluded.reviewed_on,
            contact_email = excluded.contact_email, contact_phone = excluded.contact_phone,
            response_time = excluded.response_time, updated_at = excluded.updated_at",
    )
    .bind(&s.organisation)
    .bind(&s.website)
    .bind(&s.compliance)
    .bind(&s.non_accessible)
    .bind(&s.disproportionate_burden)
    .bind(&s.out_of_scope)
    .bind(&s.assessment_method)
    .bind(&s.prepared_on)
    .bind(&s.reviewed_on)
    .bind(&s.contact_email)
    .bind(&s.contact_phone)
    .bind(&s.response_time)
    .bind(db::now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Free text is kept as paragraphs: one per blank-line-separated block.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

#[derive(Template)]
#[template(path = "accessibility/templates/statement.html")]
struct StatementView {
    page: Page,
    s: Statement,
    compliance_key: String,
    technical_key: String,
    method_key: String,
    non_accessible: Vec<String>,
    burden: Vec<String>,
    out_of_scope: Vec<String>,
    prepared: String,
    reviewed: String,
    can_edit: bool,
}

async fn statement(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let s = load(&state.db).await?;
    let page = Page::new(&ctx, "a11y-title").describe(ctx.t("a11y-description"));
    Ok(render(&StatementView {
        prepared: crate::agreements::long_date(ctx.lang, &s.prepared_on),
        reviewed: crate::agreements::long_date(ctx.lang, &s.reviewed_on),
        can_edit: ctx.user.as_ref().is_some_and(|u| u.is_admin),
        compliance_key: format!("a11y-compliance-{}", s.compliance),
        technical_key: format!("a11y-technical-{}", s.compliance),
        method_key: format!("a11y-method-{}", s.assessment_method),
        non_accessible: paragraphs(&s.non_accessible),
        burden: paragraphs(&s.disproportionate_burden),
        out_of_scope: paragraphs(&s.out_of_scope),
        page,
        s,
    }))
}

#[derive(Template)]
#[template(path = "accessibility/templates/edit.html")]
struct EditView {
    page: Page,
    s: Statement,
    errors: Errors,
}

async fn edit_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_instance_admin()?;
    Ok(render(&EditView {
        page: Page::new(&ctx, "a11y-edit-title"),
        s: load(&state.db).await?,
        errors: Errors::new(),
    }))
}

fn check_statement(s: &Statement) -> Errors {
    let mut errors = Errors::new();
    if s.organisation.trim().is_empty() {
        errors.add("organisation", "error-required");
    }
    if s.website.trim().is_empty() {
        errors.add("website", "error-required");
    }
    if !COMPLIANCE.contains(&s.compliance.as_str()) {
        errors.add("compliance", "error-choose-one");
    }
    if !["self", "third-party"].contains(&s.assessment_method.as_str()) {
        errors.add("assessment_method", "error-choose-one");
    }
    for (field, value) in [
        ("prepared_on", &s.prepared_on),
        ("reviewed_on", &s.reviewed_on),
    ] {
        if value.parse::<jiff::civil::Date>().is_err() {
            errors.add(field, "error-date");
        }
    }
    if let Err(e) = Email::parse(&s.contact_email) {
        errors.add("contact_email", e);
    }
    if !s
        .response_time
        .trim()
        .parse::<u32>()
        .is_ok_and(|d| (1..=90).contains(&d))
    {
        errors.add("response_time", "error-response-time");
    }
    errors
}

async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(s): CsrfForm<Statement>,
) -> AppResult<Response> {
    ctx.require_instance_admin()?;
    let errors = check_statement(&s);
    if !errors.is_empty() {
        let view = EditView {
            page: Page::new(&ctx, "a11y-edit-title").with_errors(&errors),
            s,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response());
    }
    save(&state.db, &s).await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        "/accessibility",
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportInput {
    page: String,
    description: String,
    email: String,
}

#[derive(Template)]
#[template(path = "accessibility/templates/report.html")]
struct ReportView {
    page: Page,
    values: ReportInput,
    errors: Errors,
}

#[derive(Deserialize)]
struct ReportQuery {
    page: Option<String>,
}

async fn report_form(ctx: Ctx, Query(q): Query<ReportQuery>) -> Response {
    render(&ReportView {
        page: Page::new(&ctx, "report-title"),
        values: ReportInput {
            page: q.page.unwrap_or_default(),
            ..Default::default()
        },
        errors: Errors::new(),
    })
}

async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<ReportInput>,
) -> AppResult<Response> {
    let mut errors = Errors::new();
    if input.description.trim().is_empty() {
        errors.add("description", "error-report-description");
    } else if input.description.chars().count() > 5000 {
        errors.add("description", "error-too-long");
    }
    // The e-mail address is optional: an anonymous report is still worth reading.
    let email = if input.email.trim().is_empty() {
        None
    } else {
        Email::parse(&input.email)
            .map_err(|e| errors.add("email", e))
            .ok()
    };
    if !errors.is_empty() {
        let view = ReportView {
            page: Page::new(&ctx, "report-title").with_errors(&errors),
            values: input,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response());
    }
    if let Some(retry_after_secs) =
        rate_limit::hit(&state.db, &rate_limit::REPORT_PER_IP, &ctx.client_ip).await?
    {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let statement = load(&state.db).await?;
    let reporter = email.map(|e| e.to_string()).unwrap_or_default();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO accessibility_reports (page, description, reporter_email, created_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(input.page.trim())
    .bind(input.description.trim())
    .bind(&reporter)
    .bind(db::now())
    .execute(&mut *tx)
    .await?;
    if !statement.contact_email.is_empty() {
        let lang = crate::web::i18n::Lang::Sv;
        let body = lang.t_with(
            "mail-a11y-report-body",
            &[
                ("page", input.page.trim().to_string()),
                ("description", input.description.trim().to_string()),
                (
                    "email",
                    if reporter.is_empty() {
                        "-".into()
                    } else {
                        reporter.clone()
                    },
                ),
            ],
        );
        mail::enqueue(
            &mut *tx,
            &statement.contact_email,
            &lang.t("mail-a11y-report-subject"),
            &body,
        )
        .await?;
    }
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "flash-report-received",
        "/accessibility",
    ))
}
