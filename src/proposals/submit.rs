//! Submitting a proposal: a representative on behalf of one of their
//! signatory organisations, or an editor on behalf of a dialogue meeting or
//! an organisation.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::model;
use crate::agreements::content::PRINCIPLES;
use crate::agreements::{self, Agreement};
use crate::db;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

#[derive(Deserialize, Default, Clone)]
pub struct ProposalForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub principle: String,
    /// "organisation-<id>" or "meeting-<id>".
    #[serde(default)]
    pub source: String,
}

/// Who the visitor may submit for.
pub struct Sources {
    pub organisations: Vec<(String, String)>,
    pub meetings: Vec<(String, String)>,
}

impl Sources {
    fn is_empty(&self) -> bool {
        self.organisations.is_empty() && self.meetings.is_empty()
    }

    fn contains(&self, value: &str) -> bool {
        self.organisations
            .iter()
            .chain(&self.meetings)
            .any(|(v, _)| v == value)
    }
}

async fn sources(state: &AppState, ctx: &Ctx, agreement_id: i64) -> Result<Sources, sqlx::Error> {
    let Some(user) = &ctx.user else {
        return Ok(Sources {
            organisations: Vec::new(),
            meetings: Vec::new(),
        });
    };
    let db = &state.db;
    let (organisations, meetings) = if ctx.edits(agreement_id) {
        let meetings = model::dialogue_meetings(db, agreement_id)
            .await?
            .into_iter()
            .map(|(id, title, starts)| {
                let day = model::long_day(ctx.lang, &starts);
                (format!("meeting-{id}"), format!("{title} ({day})"))
            })
            .collect();
        (model::signatories(db, agreement_id).await?, meetings)
    } else {
        (
            model::represented(db, agreement_id, user.id).await?,
            Vec::new(),
        )
    };
    Ok(Sources {
        organisations: organisations
            .into_iter()
            .map(|(id, name)| (format!("organisation-{id}"), name))
            .collect(),
        meetings,
    })
}

#[derive(Template)]
#[template(path = "proposals/templates/new.html")]
struct NewView {
    page: Page,
    agreement: Agreement,
    sources: Sources,
    areas: Vec<(i64, String)>,
    logged_in: bool,
    values: ProposalForm,
    errors: Errors,
}

impl NewView {
    fn principles(&self) -> Vec<(&'static str, String)> {
        PRINCIPLES
            .iter()
            .map(|p| (*p, self.page.t(format!("principle-{p}"))))
            .collect()
    }
    fn area_selected(&self, id: &i64) -> bool {
        self.values.area == id.to_string()
    }
}

async fn view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    values: ProposalForm,
    errors: Errors,
) -> AppResult<Response> {
    let sources = sources(state, ctx, agreement.id).await?;
    let areas = model::areas(&state.db, agreement.id).await?;
    let mut page = Page::new(ctx, "proposal-new-title").with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    let v = NewView {
        page,
        agreement,
        sources,
        areas,
        logged_in: ctx.user.is_some(),
        values,
        errors,
    };
    Ok((status, render(&v)).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    view(
        &state,
        &ctx,
        agreement,
        ProposalForm::default(),
        Errors::new(),
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ProposalForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let allowed = sources(&state, &ctx, agreement.id).await?;
    if allowed.is_empty() {
        return Err(AppError::Forbidden);
    }
    let areas = model::areas(&state.db, agreement.id).await?;
    let title = form.title.trim().to_string();
    let text = form.text.trim().to_string();
    let mut errors = Errors::new();
    if title.is_empty() {
        errors.add("title", "proposal-error-title");
    } else if title.chars().count() > 200 {
        errors.add("title", "proposal-error-title-long");
    }
    if text.is_empty() {
        errors.add("text", "proposal-error-text");
    }
    let area = form
        .area
        .parse::<i64>()
        .ok()
        .filter(|a| areas.iter().any(|(id, _)| id == a));
    if area.is_none() && !areas.is_empty() {
        errors.add("area", "proposal-error-area");
    }
    if !PRINCIPLES.contains(&form.principle.as_str()) {
        errors.add("principle", "proposal-error-principle");
    }
    if !allowed.contains(&form.source) {
        errors.add("source", "proposal-error-source");
    }
    if !errors.is_empty() {
        return view(&state, &ctx, agreement, form, errors).await;
    }
    let (organisation, meeting) = match form.source.split_once('-') {
        Some(("organisation", id)) => (id.parse::<i64>().ok(), None),
        Some(("meeting", id)) => (None, id.parse::<i64>().ok()),
        _ => (None, None),
    };
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO proposals (agreement_id, title, text, area_id, principle, organisation_id,
             meeting_id, submitted_by, state, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $9) RETURNING id",
    )
    .bind(agreement.id)
    .bind(&title)
    .bind(&text)
    .bind(area)
    .bind(&form.principle)
    .bind(organisation)
    .bind(meeting)
    .bind(user.id)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO proposal_events (proposal_id, state, user_id, at) VALUES ($1, 'received', $2, $3)",
    )
    .bind(id)
    .bind(user.id)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    if ctx.edits(agreement.id) {
        db::audit(
            &mut *tx,
            agreement.id,
            Some(user.id),
            "proposal.submit",
            format!("{id}: {title}"),
        )
        .await?;
    }
    crate::search::changed(&mut *tx, crate::search::Kind::Proposal, id).await?;
    tx.commit().await?;
    let path = format!("/{}/proposals/{id}", agreement.slug);
    Ok(flash_redirect(
        &state.config,
        "proposal-flash-submitted",
        &path,
    ))
}
