//! What is done to a proposal after it is in: supports, comments, the
//! editors' moderation and changes of state, each in one transaction.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::{PageValues, Proposal, model, page_response};
use crate::agreements::{self, Agreement};
use crate::db;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::{AppError, AppResult, AppState, Ctx};

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

async fn load(state: &AppState, slug: &str, id: i64) -> AppResult<(Agreement, Proposal)> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
    let proposal = Proposal::find(&state.db, agreement.id, id).await?;
    Ok((agreement, proposal))
}

fn back(state: &AppState, agreement: &Agreement, proposal: &Proposal, key: &str) -> Response {
    let path = proposal.path(&agreement.slug);
    flash_redirect(&state.config, key, &path)
}

/// One moderation change and its audit row, kept or lost together.
async fn logged_change<'q>(
    state: &AppState,
    agreement_id: i64,
    user_id: i64,
    change: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    action: &str,
    detail: String,
    searched: Option<i64>,
) -> AppResult<()> {
    let mut tx = state.db.pool.begin().await?;
    change.execute(&mut *tx).await?;
    db::audit(&mut *tx, agreement_id, Some(user_id), action, detail).await?;
    // The proposal whose search entry the change touches, if any.
    if let Some(id) = searched {
        crate::search::changed(&mut *tx, crate::search::Kind::Proposal, id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Mails the person who submitted the proposal, in their language.
async fn notify_proposer(
    tx: &mut Tx<'_>,
    state: &AppState,
    agreement: &Agreement,
    proposal: &Proposal,
    what: &str,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let Some(user_id) = proposal.submitted_by else {
        return Ok(());
    };
    let Some((email, language)): Option<(String, String)> =
        sqlx::query_as("SELECT email, language FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?
    else {
        return Ok(());
    };
    let lang = Lang::parse(&language).unwrap_or_default();
    let link = state.config.absolute(&proposal.path(&agreement.slug));
    let subject = lang.t_with(
        "proposal-mail-subject",
        &[("title", proposal.title.clone())],
    );
    let mut body = lang.t_with(
        "proposal-mail-body",
        &[
            ("title", proposal.title.clone()),
            ("agreement", agreement.name.clone()),
            ("what", lang.t(what)),
        ],
    );
    if !reason.is_empty() {
        body.push_str(&format!("\n\n{}: {reason}", lang.t("proposal-reason")));
    }
    body.push_str(&format!("\n\n{link}\n"));
    crate::mail::enqueue(&mut **tx, &email, &subject, &body).await
}

#[derive(Deserialize)]
pub struct OrganisationForm {
    #[serde(default)]
    organisation: String,
}

/// The organisation a representative acts for, if they represent it and it signs.
async fn own_organisation(
    state: &AppState,
    ctx: &Ctx,
    agreement_id: i64,
    value: &str,
) -> AppResult<i64> {
    let user = ctx.require_user()?;
    let orgs = model::represented(&state.db, agreement_id, user.id).await?;
    value
        .parse::<i64>()
        .ok()
        .filter(|o| orgs.iter().any(|(id, _)| id == o))
        .ok_or(AppError::Forbidden)
}

pub async fn support(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<OrganisationForm>,
) -> AppResult<Response> {
    let (agreement, proposal) = load(&state, &slug, id).await?;
    let organisation = own_organisation(&state, &ctx, agreement.id, &form.organisation).await?;
    // An organisation does not support its own proposal.
    if proposal.is_hidden() || proposal.organisation_id == Some(organisation) {
        return Err(AppError::Forbidden);
    }
    let user_id = ctx.require_user()?.id;
    let mut tx = state.db.pool.begin().await?;
    // The primary key keeps one support per organisation; the count moves
    // only when a row was really added.
    let added = sqlx::query(
        "INSERT INTO proposal_supports (proposal_id, organisation_id, user_id, at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (proposal_id, organisation_id) DO NOTHING",
    )
    .bind(proposal.id)
    .bind(organisation)
    .bind(user_id)
    .bind(db::now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added == 1 {
        sqlx::query("UPDATE proposals SET support_count = support_count + 1 WHERE id = $1")
            .bind(proposal.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(back(
        &state,
        &agreement,
        &proposal,
        "proposal-flash-supported",
    ))
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<OrganisationForm>,
) -> AppResult<Response> {
    let (agreement, proposal) = load(&state, &slug, id).await?;
    let organisation = own_organisation(&state, &ctx, agreement.id, &form.organisation).await?;
    let mut tx = state.db.pool.begin().await?;
    let removed = sqlx::query(
        "DELETE FROM proposal_supports WHERE proposal_id = $1 AND organisation_id = $2",
    )
    .bind(proposal.id)
    .bind(organisation)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 1 {
        sqlx::query("UPDATE proposals SET support_count = support_count - 1 WHERE id = $1")
            .bind(proposal.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(back(
        &state,
        &agreement,
        &proposal,
        "proposal-flash-withdrawn",
    ))
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    organisation: String,
}

pub async fn comment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let (agreement, proposal) = load(&state, &slug, id).await?;
    let orgs = model::represented(&state.db, agreement.id, user.id).await?;
    if !super::can_comment(&ctx, agreement.id, !orgs.is_empty()) || proposal.is_hidden() {
        return Err(AppError::Forbidden);
    }
    let text = form.text.trim().to_string();
    let mut errors = Errors::new();
    if text.is_empty() {
        errors.add("comment", "proposal-error-comment");
    } else if text.chars().count() > 5000 {
        errors.add("comment", "proposal-error-comment-long");
    }
    if !errors.is_empty() {
        let values = PageValues {
            comment: form.text,
            ..PageValues::default()
        };
        return page_response(&state, &ctx, agreement, proposal, errors, values).await;
    }
    let organisation = form
        .organisation
        .parse::<i64>()
        .ok()
        .filter(|o| orgs.iter().any(|(id, _)| id == o));
    sqlx::query(
        "INSERT INTO proposal_comments (proposal_id, user_id, organisation_id, author_name, text, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(proposal.id)
    .bind(user.id)
    .bind(organisation)
    .bind(&user.name)
    .bind(&text)
    .bind(db::now())
    .execute(&state.db.pool)
    .await?;
    Ok(back(
        &state,
        &agreement,
        &proposal,
        "proposal-flash-commented",
    ))
}

#[derive(Deserialize)]
pub struct StateForm {
    #[serde(default)]
    state: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    measure: String,
}

pub async fn change_state(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<StateForm>,
) -> AppResult<Response> {
    let (agreement, proposal) = load(&state, &slug, id).await?;
    ctx.require_editor(agreement.id)?;
    let user_id = ctx.require_user()?.id;
    let measures = model::measures(&state.db, agreement.id).await?;
    let reason = form.reason.trim().to_string();
    let mut errors = Errors::new();
    let target = form.state.as_str();
    if !["considering", "adopted", "declined"].contains(&target) {
        errors.add("state", "proposal-error-state");
    } else if target == proposal.state {
        errors.add("state", "proposal-error-state-same");
    }
    let measure = form
        .measure
        .parse::<i64>()
        .ok()
        .filter(|m| measures.iter().any(|(id, _)| id == m));
    if target == "adopted" && measure.is_none() {
        errors.add("measure", "proposal-error-measure");
    }
    if target == "declined" && reason.is_empty() {
        errors.add("reason", "proposal-error-reason");
    }
    if !errors.is_empty() {
        let values = PageValues {
            state: form.state,
            reason: form.reason,
            measure: form.measure,
            ..PageValues::default()
        };
        return page_response(&state, &ctx, agreement, proposal, errors, values).await;
    }
    let measure = if target == "adopted" { measure } else { None };
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE proposals SET state = $1, state_reason = $2, measure_id = $3, updated_at = $4
         WHERE id = $5",
    )
    .bind(target)
    .bind(&reason)
    .bind(measure)
    .bind(&now)
    .bind(proposal.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO proposal_events (proposal_id, state, reason, user_id, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(proposal.id)
    .bind(target)
    .bind(&reason)
    .bind(user_id)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user_id),
        "proposal.state",
        format!(
            "{}: {} -> {target}{}",
            proposal.id,
            proposal.state,
            measure
                .map(|m| format!(" (measure {m})"))
                .unwrap_or_default()
        ),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Proposal, proposal.id).await?;
    notify_proposer(
        &mut tx,
        &state,
        &agreement,
        &proposal,
        &format!("proposal-mail-now-{target}"),
        &reason,
    )
    .await?;
    tx.commit().await?;
    Ok(back(&state, &agreement, &proposal, "proposal-flash-state"))
}

#[derive(Deserialize)]
pub struct HideForm {
    #[serde(default, alias = "hide_reason")]
    reason: String,
}

pub async fn hide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<HideForm>,
) -> AppResult<Response> {
    let (agreement, proposal) = load(&state, &slug, id).await?;
    ctx.require_editor(agreement.id)?;
    let user_id = ctx.require_user()?.id;
    let reason = form.reason.trim().to_string();
    if reason.is_empty() {
        let mut errors = Errors::new();
        errors.add("hide_reason", "proposal-error-hide-reason");
        let values = PageValues {
            hide_reason: form.reason,
            ..PageValues::default()
        };
        return page_response(&state, &ctx, agreement, proposal, errors, values).await;
    }
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE proposals SET hidden_at = $1, hidden_reason = $2, updated_at = $1 WHERE id = $3",
    )
    .bind(&now)
    .bind(&reason)
    .bind(proposal.id)
    .execute(&mut *tx)
    .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user_id),
        "proposal.hide",
        format!("{}: {reason}", proposal.id),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Proposal, proposal.id).await?;
    notify_proposer(
        &mut tx,
        &state,
        &agreement,
        &proposal,
        "proposal-mail-now-hidden",
        &reason,
    )
    .await?;
    tx.commit().await?;
    Ok(back(&state, &agreement, &proposal, "proposal-flash-hidden"))
}

pub async fn unhide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<HideForm>,
) -> AppResult<Response> {
    let (agreement, proposal) = load(&state, &slug, id).await?;
    ctx.require_editor(agreement.id)?;
    let user_id = ctx.require_user()?.id;
    let change = sqlx::query(
        "UPDATE proposals SET hidden_at = NULL, hidden_reason = '', updated_at = $1 WHERE id = $2",
    )
    .bind(db::now())
    .bind(proposal.id);
    let detail = proposal.id.to_string();
    logged_change(
        &state,
        agreement.id,
        user_id,
        change,
        "proposal.unhide",
        detail,
        Some(proposal.id),
    )
    .await?;
    Ok(back(
        &state,
        &agreement,
        &proposal,
        "proposal-flash-unhidden",
    ))
}

async fn comment_of(state: &AppState, proposal_id: i64, comment_id: i64) -> AppResult<i64> {
    sqlx::query_scalar("SELECT id FROM proposal_comments WHERE id = $1 AND proposal_id = $2")
        .bind(comment_id)
        .bind(proposal_id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn hide_comment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, cid)): Path<(String, i64, i64)>,
    CsrfForm(form): CsrfForm<HideForm>,
) -> AppResult<Response> {
    let (agreement, proposal) = load(&state, &slug, id).await?;
    ctx.require_editor(agreement.id)?;
    let cid = comment_of(&state, proposal.id, cid).await?;
    let user_id = ctx.require_user()?.id;
    let reason = form.reason.trim().to_string();
    if reason.is_empty() {
        let mut errors = Errors::new();
        errors.add("comment_hide_reason", "proposal-error-hide-reason");
        let values = PageValues {
            comment_hide_reason: form.reason,
            comment_hide_id: cid,
            ..PageValues::default()
        };
        return page_response(&state, &ctx, agreement, proposal, errors, values).await;
    }
    let change = sqlx::query(
        "UPDATE proposal_comments SET hidden_at = $1, hidden_reason = $2 WHERE id = $3",
    )
    .bind(db::now())
    .bind(&reason)
    .bind(cid);
    let detail = format!("{}/{cid}: {reason}", proposal.id);
    logged_change(
        &state,
        agreement.id,
        user_id,
        change,
        "proposal.comment.hide",
        detail,
        None,
    )
    .await?;
    Ok(back(
        &state,
        &agreement,
        &proposal,
        "proposal-flash-comment-hidden",
    ))
}

pub async fn unhide_comment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, cid)): Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<HideForm>,
) -> AppResult<Response> {
    let (agreement, proposal) = load(&state, &slug, id).await?;
    ctx.require_editor(agreement.id)?;
    let cid = comment_of(&state, proposal.id, cid).await?;
    let user_id = ctx.require_user()?.id;
    let change = sqlx::query(
        "UPDATE proposal_comments SET hidden_at = NULL, hidden_reason = '' WHERE id = $1",
    )
    .bind(cid);
    let detail = format!("{}/{cid}", proposal.id);
    logged_change(
        &state,
        agreement.id,
        user_id,
        change,
        "proposal.comment.unhide",
        detail,
        None,
    )
    .await?;
    Ok(back(
        &state,
        &agreement,
        &proposal,
        "proposal-flash-comment-unhidden",
    ))
}
