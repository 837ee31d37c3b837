//! The pages behind the links in subscription mail: confirm (a button, since
//! mail scanners follow links), manage, and unsubscribe (one click, RFC 8058).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::subscribe::{Choice, MessageView, frequency_choices, gone, topic_choices};
use super::{FREQUENCIES, Subscription, TOPICS, by_link, new_link};
use crate::db;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppResult, AppState, Ctx};

/// The agreement's slug and name.
async fn agreement_of(state: &AppState, sub: &Subscription) -> AppResult<(String, String)> {
    Ok(
        sqlx::query_as("SELECT slug, name FROM agreements WHERE id = $1")
            .bind(sub.agreement_id)
            .fetch_one(&state.db.pool)
            .await?,
    )
}

#[derive(Template)]
#[template(path = "subscriptions/templates/confirm.html")]
struct ConfirmView {
    page: Page,
    agreement_name: String,
    email: String,
    action: String,
}

pub async fn confirm_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let Some(sub) = by_link(&state.db, &secret, "confirm").await? else {
        return Ok(gone(&ctx));
    };
    let (_, agreement_name) = agreement_of(&state, &sub).await?;
    Ok(render(&ConfirmView {
        page: Page::new(&ctx, "sub-confirm-title"),
        agreement_name,
        email: sub.email,
        action: format!("/subscriptions/confirm/{secret}"),
    }))
}

#[derive(Deserialize)]
pub struct Nothing {}

pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm<Nothing>,
) -> AppResult<Response> {
    let Some(sub) = by_link(&state.db, &secret, "confirm").await? else {
        return Ok(gone(&ctx));
    };
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE subscriptions SET confirmed_at = $1 WHERE id = $2 AND confirmed_at IS NULL",
    )
    .bind(db::now())
    .bind(sub.id)
    .execute(&mut *tx)
    .await?;
    // A confirmation link works once.
    sqlx::query(
        "DELETE FROM subscription_links WHERE subscription_id = $1 AND purpose = 'confirm'",
    )
    .bind(sub.id)
    .execute(&mut *tx)
    .await?;
    let manage = new_link(&mut *tx, sub.id, "manage", None).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "sub-flash-confirmed",
        &format!("/subscriptions/{manage}"),
    ))
}

#[derive(Template)]
#[template(path = "subscriptions/templates/manage.html")]
struct ManageView {
    page: Page,
    agreement_name: String,
    slug: String,
    email: String,
    action: String,
    unsubscribe: String,
    topics: Vec<Choice>,
    frequencies: Vec<Choice>,
    errors: Errors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Settings {
    news: String,
    meetings: String,
    minutes: String,
    frequency: String,
}

async fn manage_view(
    state: &AppState,
    ctx: &Ctx,
    secret: &str,
    sub: &Subscription,
    errors: Errors,
    chosen: impl Fn(&str) -> bool,
    frequency: &str,
) -> AppResult<ManageView> {
    let (slug, agreement_name) = agreement_of(state, sub).await?;
    Ok(ManageView {
        page: Page::new(ctx, "sub-manage-title").with_errors(&errors),
        agreement_name,
        slug,
        email: sub.email.clone(),
        action: format!("/subscriptions/{secret}"),
        unsubscribe: format!("/subscriptions/{secret}/unsubscribe"),
        topics: topic_choices(ctx.lang, chosen),
        frequencies: frequency_choices(ctx.lang, frequency),
        errors,
    })
}

pub async fn manage_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let Some(sub) = by_link(&state.db, &secret, "manage").await? else {
        return Ok(gone(&ctx));
    };
    let view = manage_view(
        &state,
        &ctx,
        &secret,
        &sub,
        Errors::new(),
        |t| sub.wants(t),
        &sub.frequency,
    )
    .await?;
    Ok(render(&view))
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
    CsrfForm(input): CsrfForm<Settings>,
) -> AppResult<Response> {
    let Some(sub) = by_link(&state.db, &secret, "manage").await? else {
        return Ok(gone(&ctx));
    };
    let wants = |t: &str| {
        match t {
            "news" => &input.news,
            "meetings" => &input.meetings,
            _ => &input.minutes,
        }
        .as_str()
            == "yes"
    };
    let mut errors = Errors::new();
    if !TOPICS.into_iter().any(wants) {
        errors.add("topics", "sub-error-topics");
    }
    if !FREQUENCIES.contains(&input.frequency.as_str()) {
        errors.add("frequency", "sub-error-frequency");
    }
    if !errors.is_empty() {
        let view =
            manage_view(&state, &ctx, &secret, &sub, errors, wants, &input.frequency).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response());
    }
    sqlx::query(
        "UPDATE subscriptions SET news = $1, meetings = $2, minutes = $3, frequency = $4, language = $5
         WHERE id = $6",
    )
    .bind(i64::from(wants("news")))
    .bind(i64::from(wants("meetings")))
    .bind(i64::from(wants("minutes")))
    .bind(&input.frequency)
    .bind(ctx.lang.code())
    .bind(sub.id)
    .execute(&state.db.pool)
    .await?;
    Ok(flash_redirect(
        &state.config,
        "sub-flash-saved",
        &format!("/subscriptions/{secret}"),
    ))
}

#[derive(Template)]
#[template(path = "subscriptions/templates/unsubscribe.html")]
struct UnsubscribeView {
    page: Page,
    agreement_name: String,
    email: String,
    action: String,
}

pub async fn unsubscribe_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let Some(sub) = by_link(&state.db, &secret, "manage").await? else {
        return Ok(gone(&ctx));
    };
    let (_, agreement_name) = agreement_of(&state, &sub).await?;
    Ok(render(&UnsubscribeView {
        page: Page::new(&ctx, "sub-unsubscribe-title"),
        agreement_name,
        email: sub.email,
        action: format!("/subscriptions/{secret}/unsubscribe"),
    }))
}

/// One click: a bare POST, with no CSRF token, as a mail client sends it
/// (RFC 8058). The secret in the address is the proof. The row goes, and
/// its links and delivery records with it: nothing of the address is kept.
pub async fn unsubscribe(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let Some(sub) = by_link(&state.db, &secret, "manage").await? else {
        return Ok(gone(&ctx));
    };
    sqlx::query("DELETE FROM subscriptions WHERE id = $1")
        .bind(sub.id)
        .execute(&state.db.pool)
        .await?;
    let (slug, agreement_name) = agreement_of(&state, &sub).await?;
    let page = Page::new(&ctx, "sub-unsubscribed-title");
    Ok(render(&MessageView {
        text: page.t1("sub-unsubscribed-text", "agreement", &agreement_name),
        link: Some((format!("/{slug}/subscribe"), page.t("sub-subscribe-again"))),
        page,
    }))
}
