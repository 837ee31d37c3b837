//! The subscribe form: anyone gives an address, topics and a frequency, and
//! the mailbox confirms (double opt-in). The answer is the same whether or
//! not the address already subscribes.

use std::time::Duration;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{CONFIRM_VALID, FREQUENCIES, TOPICS, new_link};
use crate::accounts::email::Email;
use crate::accounts::rate_limit::{self, Limit};
use crate::agreements::{self, Agreement};
use crate::db;
use crate::mail;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

const SUBSCRIBE_PER_IP: Limit = Limit {
    name: "subscribe-ip",
    max: 20,
    window: Duration::from_secs(60 * 60),
};
/// Confirmation mails to one address, so that nobody can flood a mailbox.
const SUBSCRIBE_PER_ADDRESS: Limit = Limit {
    name: "subscribe-address",
    max: 5,
    window: Duration::from_secs(60 * 60),
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Input {
    pub email: String,
    pub news: String,
    pub meetings: String,
    pub minutes: String,
    pub frequency: String,
}

impl Input {
    pub fn has(&self, topic: &str) -> bool {
        let value = match topic {
            "news" => &self.news,
            "meetings" => &self.meetings,
            _ => &self.minutes,
        };
        value == "yes"
    }
}

/// A checkbox or radio button of the form.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

pub fn topic_choices(lang: Lang, checked: impl Fn(&str) -> bool) -> Vec<Choice> {
    TOPICS
        .into_iter()
        .map(|value| Choice {
            value,
            label: lang.t(&format!("sub-topic-{value}")),
            checked: checked(value),
        })
        .collect()
}

pub fn frequency_choices(lang: Lang, chosen: &str) -> Vec<Choice> {
    FREQUENCIES
        .into_iter()
        .map(|value| Choice {
            value,
            label: lang.t(&format!("sub-frequency-{value}")),
            checked: chosen == value,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "subscriptions/templates/subscribe.html")]
struct FormView {
    page: Page,
    slug: String,
    agreement_name: String,
    email: String,
    topics: Vec<Choice>,
    frequencies: Vec<Choice>,
    errors: Errors,
}

fn form_view(ctx: &Ctx, agreement: &Agreement, input: &Input, errors: Errors) -> FormView {
    let mut page = Page::new(ctx, "sub-title")
        .with_errors(&errors)
        .describe(ctx.t("sub-intro"));
    page.for_agreement(ctx, agreement);
    FormView {
        page,
        slug: agreement.slug.clone(),
        agreement_name: agreement.name.clone(),
        email: input.email.clone(),
        topics: topic_choices(ctx.lang, |t| input.has(t)),
        frequencies: frequency_choices(ctx.lang, &input.frequency),
        errors,
    }
}

pub async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    // Everything, at once: the most common wish; the visitor unticks the rest.
    let input = Input {
        news: "yes".into(),
        meetings: "yes".into(),
        minutes: "yes".into(),
        frequency: "immediate".into(),
        ..Input::default()
    };
    Ok(render(&form_view(&ctx, &agreement, &input, Errors::new())))
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<Input>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let mut errors = Errors::new();
    let email = Email::parse(&input.email)
        .map_err(|e| errors.add("email", e))
        .ok();
    if !TOPICS.iter().any(|t| input.has(t)) {
        errors.add("topics", "sub-error-topics");
    }
    if !FREQUENCIES.contains(&input.frequency.as_str()) {
        errors.add("frequency", "sub-error-frequency");
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        let status = errors.status();
        return Ok((status, render(&form_view(&ctx, &agreement, &input, errors))).into_response());
    };
    for (limit, who) in [
        (&SUBSCRIBE_PER_IP, ctx.client_ip.as_str()),
        (&SUBSCRIBE_PER_ADDRESS, email.as_str()),
    ] {
        if let Some(retry_after_secs) = rate_limit::hit(&state.db, limit, who).await? {
            return Err(AppError::RateLimited { retry_after_secs });
        }
    }
    let flag = |t: &str| i64::from(input.has(t));
    let lang = ctx.lang;
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    // Unconfirmed rows take the newest wishes (only the mailbox's click makes
    // them count); a confirmed one is changed only through its manage link.
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO subscriptions (agreement_id, email, language, news, meetings, minutes, frequency, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (agreement_id, email) DO UPDATE SET
            language = excluded.language, news = excluded.news, meetings = excluded.meetings,
            minutes = excluded.minutes, frequency = excluded.frequency, created_at = excluded.created_at
         WHERE subscriptions.confirmed_at IS NULL
         RETURNING id",
    )
    .bind(agreement.id)
    .bind(email.as_str())
    .bind(lang.code())
    .bind(flag("news"))
    .bind(flag("meetings"))
    .bind(flag("minutes"))
    .bind(&input.frequency)
    .bind(&now)
    .fetch_optional(&mut *tx)
    .await?;
    let (subject, body) = match inserted {
        Some(id) => {
            let expires = db::from_now(CONFIRM_VALID);
            let secret = new_link(&mut *tx, id, "confirm", Some(&expires)).await?;
            let url = state
                .config
                .absolute(&format!("/subscriptions/confirm/{secret}"));
            let body = lang.t_with(
                "sub-mail-confirm-body",
                &[("agreement", agreement.name.clone()), ("url", url)],
            );
            (lang.t("sub-mail-confirm-subject"), body)
        }
        None => {
            let (id, sub_lang): (i64, String) = sqlx::query_as(
                "SELECT id, language FROM subscriptions WHERE agreement_id = $1 AND email = $2",
            )
            .bind(agreement.id)
            .bind(email.as_str())
            .fetch_one(&mut *tx)
            .await?;
            // The subscriber's own language, not the visitor's: it may be someone else.
            let lang = Lang::parse(&sub_lang).unwrap_or(lang);
            let secret = new_link(&mut *tx, id, "manage", None).await?;
            let url = state.config.absolute(&format!("/subscriptions/{secret}"));
            let body = lang.t_with(
                "sub-mail-already-body",
                &[("agreement", agreement.name.clone()), ("url", url)],
            );
            (lang.t("sub-mail-already-subject"), body)
        }
    };
    mail::enqueue(&mut *tx, email.as_str(), &subject, &body).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    // No flash: the page says it all, the same for every address.
    Ok(Redirect::to(&format!("/{}/subscribe/sent", agreement.slug)).into_response())
}

#[derive(Template)]
#[template(path = "subscriptions/templates/message.html")]
pub struct MessageView {
    pub page: Page,
    pub text: String,
    pub link: Option<(String, String)>,
}

pub async fn sent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let mut page = Page::new(&ctx, "sub-sent-title");
    page.for_agreement(&ctx, &agreement);
    let valid_days = CONFIRM_VALID.as_secs() / 86400;
    Ok(render(&MessageView {
        text: page.t1("sub-sent-text", "days", valid_days),
        link: Some((format!("/{}/", agreement.slug), agreement.name.clone())),
        page,
    }))
}

/// A page that says a link no longer works, and how to get a new one.
pub fn gone(ctx: &Ctx) -> Response {
    let page = Page::new(ctx, "sub-gone-title");
    let view = MessageView {
        text: page.t("sub-gone-text"),
        link: None,
        page,
    };
    (StatusCode::GONE, render(&view)).into_response()
}
