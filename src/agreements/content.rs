//! The agreement's own page: its facts, its text (every published version
//! kept and viewable), its wording of the six principles, its areas of
//! collaboration and a timeline; edited by editors, every change logged.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Agreement, by_slug, long_date};
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::layout::{Page, render};
use crate::web::markdown;
use crate::web::{AppError, AppResult, AppState, Ctx};

/// The national agreement's six principles, in their order.
pub const PRINCIPLES: [&str; 6] = [
    "dialog",
    "long-term",
    "quality",
    "openness",
    "independence",
    "diversity",
];

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TextVersion {
    pub version: i64,
    pub body: String,
    pub note: String,
    pub published_on: String,
}

pub struct Principle {
    pub key: &'static str,
    pub wording: String,
}

/// Everything on the agreement page, loaded in one place.
pub struct Content {
    pub text: Option<TextVersion>,
    pub versions: Vec<TextVersion>,
    pub principles: Vec<Principle>,
    pub areas: Vec<String>,
    pub events: Vec<(String, String)>,
}

pub async fn load(db: &Db, agreement_id: i64) -> Result<Content, sqlx::Error> {
    let pool = &db.pool;
    let versions: Vec<TextVersion> = sqlx::query_as(
        "SELECT version, body, note, published_on FROM agreement_texts
         WHERE agreement_id = $1 ORDER BY version DESC",
    )
    .bind(agreement_id)
    .fetch_all(pool)
    .await?;
    let wordings: Vec<(String, String)> = sqlx::query_as(
        "SELECT principle, wording FROM agreement_principles WHERE agreement_id = $1",
    )
    .bind(agreement_id)
    .fetch_all(pool)
    .await?;
    let areas: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM agreement_areas WHERE agreement_id = $1 ORDER BY position",
    )
    .bind(agreement_id)
    .fetch_all(pool)
    .await?;
    let events: Vec<(String, String)> = sqlx::query_as(
        "SELECT happened_on, text FROM agreement_events WHERE agreement_id = $1 ORDER BY happened_on, id",
    )
    .bind(agreement_id)
    .fetch_all(pool)
    .await?;
    Ok(Content {
        text: versions.first().cloned(),
        principles: PRINCIPLES
            .iter()
            .map(|key| Principle {
                key,
                wording: wordings
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, w)| w.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        versions,
        areas,
        events,
    })
}

#[derive(Template)]
#[template(path = "agreements/templates/agreement.html")]
struct AgreementView {
    page: Page,
    agreement: Agreement,
    adopted: Option<String>,
    signed: Option<String>,
    text_html: String,
    version: Option<(i64, String)>,
    older_versions: usize,
    principles: Vec<Principle>,
    areas: Vec<String>,
    events: Vec<(String, String)>,
    can_edit: bool,
}

pub async fn agreement_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = by_slug(&state.db, &slug).await?;
    let content = load(&state.db, agreement.id).await?;
    let lang = ctx.lang;
    let mut page = Page::titled(&ctx, agreement.name.clone()).describe(agreement.summary.clone());
    page.for_agreement(&ctx, &agreement);
    Ok(render(&AgreementView {
        adopted: agreement.adopted_on.as_deref().map(|d| long_date(lang, d)),
        signed: agreement.signed_on.as_deref().map(|d| long_date(lang, d)),
        text_html: content
            .text
            .as_ref()
            .map(|t| markdown::to_html(&t.body))
            .unwrap_or_default(),
        version: content
            .text
            .as_ref()
            .map(|t| (t.version, long_date(lang, &t.published_on))),
        older_versions: content.versions.len().saturating_sub(1),
        principles: content.principles,
        areas: content.areas,
        events: content
            .events
            .into_iter()
            .map(|(d, t)| (long_date(lang, &d), t))
            .collect(),
        can_edit: ctx.edits(agreement.id),
        page,
        agreement,
    }))
}

#[derive(Template)]
#[template(path = "agreements/templates/versions.html")]
struct VersionsView {
    page: Page,
    agreement: Agreement,
    versions: Vec<(i64, String, String)>,
    shown: Option<(i64, String, String)>,
}

pub async fn versions(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    versions_page(state, ctx, slug, None).await
}

pub async fn version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, n)): Path<(String, i64)>,
) -> AppResult<Response> {
    versions_page(state, ctx, slug, Some(n)).await
}

async fn versions_page(
    state: AppState,
    ctx: Ctx,
    slug: String,
    n: Option<i64>,
) -> AppResult<Response> {
    let agreement = by_slug(&state.db, &slug).await?;
    let content = load(&state.db, agreement.id).await?;
    let lang = ctx.lang;
    let shown = match n {
        Some(n) => {
            let v = content
                .versions
                .iter()
                .find(|v| v.version == n)
                .ok_or(AppError::NotFound)?;
            Some((
                v.version,
                long_date(lang, &v.published_on),
                markdown::to_html(&v.body),
            ))
        }
        None => None,
    };
    let title = match &shown {
        Some((n, ..)) => lang.t_with("agreement-version-title", &[("version", n.to_string())]),
        None => lang.t("agreement-versions-title"),
    };
    let mut page = Page::titled(&ctx, title);
    page.for_agreement(&ctx, &agreement);
    Ok(render(&VersionsView {
        page,
        versions: content
            .versions
            .iter()
            .map(|v| (v.version, long_date(lang, &v.published_on), v.note.clone()))
            .collect(),
        shown,
        agreement,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EditInput {
    pub name: String,
    pub short_name: String,
    pub public_body: String,
    pub summary: String,
    pub adopted_on: String,
    pub adopted_by: String,
    pub signed_on: String,
    pub body: String,
    pub note: String,
    #[serde(rename = "principle-dialog")]
    pub dialog: String,
    #[serde(rename = "principle-long-term")]
    pub long_term: String,
    #[serde(rename = "principle-quality")]
    pub quality: String,
    #[serde(rename = "principle-openness")]
    pub openness: String,
    #[serde(rename = "principle-independence")]
    pub independence: String,
    #[serde(rename = "principle-diversity")]
    pub diversity: String,
    pub areas: String,
    pub events: String,
}

impl EditInput {
    fn wordings(&self) -> [(&'static str, &str); 6] {
        [
            ("dialog", &self.dialog),
            ("long-term", &self.long_term),
            ("quality", &self.quality),
            ("openness", &self.openness),
            ("independence", &self.independence),
            ("diversity", &self.diversity),
        ]
    }

    /// Timeline lines as "YYYY-MM-DD what happened".
    fn parse_events(&self) -> Result<Vec<(String, String)>, ()> {
        self.events
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                let (date, text) = line.split_once(char::is_whitespace).ok_or(())?;
                let date = date.parse::<jiff::civil::Date>().map_err(|_| ())?;
                let text = text.trim().trim_start_matches(['–', '-', ':']).trim();
                if text.is_empty() {
                    Err(())
                } else {
                    Ok((date.to_string(), text.to_string()))
                }
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "agreements/templates/edit.html")]
struct EditView {
    page: Page,
    agreement: Agreement,
    values: EditInput,
    errors: Errors,
}

fn edit_view(ctx: &Ctx, agreement: Agreement, values: EditInput, errors: Errors) -> Response {
    let mut page = Page::new(ctx, "agreement-edit-title").with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    (
        status,
        render(&EditView {
            page,
            agreement,
            values,
            errors,
        }),
    )
        .into_response()
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = by_slug(&state.db, &slug).await?;
    ctx.require_user()?;
    if !ctx.edits(agreement.id) {
        return Err(AppError::Forbidden);
    }
    let c = load(&state.db, agreement.id).await?;
    let wording = |key: &str| {
        c.principles
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.wording.clone())
            .unwrap_or_default()
    };
    let values = EditInput {
        name: agreement.name.clone(),
        short_name: agreement.short_name.clone(),
        public_body: agreement.public_body.clone(),
        summary: agreement.summary.clone(),
        adopted_on: agreement.adopted_on.clone().unwrap_or_default(),
        adopted_by: agreement.adopted_by.clone(),
        signed_on: agreement.signed_on.clone().unwrap_or_default(),
        body: c.text.as_ref().map(|t| t.body.clone()).unwrap_or_default(),
        note: String::new(),
        dialog: wording("dialog"),
        long_term: wording("long-term"),
        quality: wording("quality"),
        openness: wording("openness"),
        independence: wording("independence"),
        diversity: wording("diversity"),
        areas: c.areas.join("\n"),
        events: c
            .events
            .iter()
            .map(|(d, t)| format!("{d} {t}"))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    Ok(edit_view(&ctx, agreement, values, Errors::new()))
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<EditInput>,
) -> AppResult<Response> {
    let agreement = by_slug(&state.db, &slug).await?;
    let user = ctx.require_user()?.clone();
    if !ctx.edits(agreement.id) {
        return Err(AppError::Forbidden);
    }
    let mut errors = Errors::new();
    for (field, value) in [
        ("name", &input.name),
        ("short_name", &input.short_name),
        ("public_body", &input.public_body),
    ] {
        if value.trim().is_empty() {
            errors.add(field, "error-required");
        }
    }
    for (field, value) in [
        ("adopted_on", &input.adopted_on),
        ("signed_on", &input.signed_on),
    ] {
        if !value.trim().is_empty() && value.trim().parse::<jiff::civil::Date>().is_err() {
            errors.add(field, "error-date");
        }
    }
    let events = input
        .parse_events()
        .map_err(|_| errors.add("events", "error-timeline"))
        .ok();
    if !errors.is_empty() {
        return Ok(edit_view(&ctx, agreement, input, errors));
    }
    let events = events.expect("checked");
    let before = load(&state.db, agreement.id).await?;
    let optional = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let mut changes = Vec::new();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE agreements SET name = $1, short_name = $2, public_body = $3, summary = $4,
            adopted_on = $5, adopted_by = $6, signed_on = $7 WHERE id = $8",
    )
    .bind(input.name.trim())
    .bind(input.short_name.trim())
    .bind(input.public_body.trim())
    .bind(input.summary.trim())
    .bind(optional(&input.adopted_on))
    .bind(input.adopted_by.trim())
    .bind(optional(&input.signed_on))
    .bind(agreement.id)
    .execute(&mut *tx)
    .await?;
    if (
        agreement.name.as_str(),
        agreement.short_name.as_str(),
        agreement.public_body.as_str(),
        agreement.summary.as_str(),
    ) != (
        input.name.trim(),
        input.short_name.trim(),
        input.public_body.trim(),
        input.summary.trim(),
    ) || agreement.adopted_on != optional(&input.adopted_on)
        || agreement.signed_on != optional(&input.signed_on)
        || agreement.adopted_by != input.adopted_by.trim()
    {
        changes.push("facts".to_string());
    }
    // A changed text is published as a new version; the old ones stay.
    let body = input.body.trim();
    if before
        .text
        .as_ref()
        .map_or(!body.is_empty(), |t| t.body != body)
    {
        let next = before.versions.first().map_or(1, |t| t.version + 1);
        sqlx::query(
            "INSERT INTO agreement_texts (agreement_id, version, body, note, published_on, published_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(agreement.id)
        .bind(next)
        .bind(body)
        .bind(input.note.trim())
        .bind(jiff::Zoned::now().date().to_string())
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
        changes.push(format!("text version {next}"));
    }
    for (key, wording) in input.wordings() {
        let old = before
            .principles
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.wording.as_str())
            .unwrap_or("");
        if old != wording.trim() {
            sqlx::query(
                "INSERT INTO agreement_principles (agreement_id, principle, wording) VALUES ($1, $2, $3)
                 ON CONFLICT (agreement_id, principle) DO UPDATE SET wording = excluded.wording",
            )
            .bind(agreement.id)
            .bind(key)
            .bind(wording.trim())
            .execute(&mut *tx)
            .await?;
            changes.push(format!("principle {key}"));
        }
    }
    let areas: Vec<String> = input
        .areas
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    if areas != before.areas {
        sqlx::query("DELETE FROM agreement_areas WHERE agreement_id = $1")
            .bind(agreement.id)
            .execute(&mut *tx)
            .await?;
        for (i, name) in areas.iter().enumerate() {
            sqlx::query(
                "INSERT INTO agreement_areas (agreement_id, position, name) VALUES ($1, $2, $3)",
            )
            .bind(agreement.id)
            .bind(i as i64)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        }
        changes.push("areas".into());
    }
    let mut sorted = events.clone();
    sorted.sort();
    if sorted != before.events {
        sqlx::query("DELETE FROM agreement_events WHERE agreement_id = $1")
            .bind(agreement.id)
            .execute(&mut *tx)
            .await?;
        for (date, text) in &sorted {
            sqlx::query("INSERT INTO agreement_events (agreement_id, happened_on, text) VALUES ($1, $2, $3)")
                .bind(agreement.id)
                .bind(date)
                .bind(text)
                .execute(&mut *tx)
                .await?;
        }
        changes.push("timeline".into());
    }
    if !changes.is_empty() {
        db::audit(
            &mut *tx,
            agreement.id,
            Some(user.id),
            "agreement.edit",
            changes.join(", "),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/agreement", agreement.slug),
    ))
}

#[derive(Template)]
#[template(path = "agreements/templates/log.html")]
struct LogView {
    page: Page,
    agreement: Agreement,
    entries: Vec<(String, String, String, String)>,
}

/// The record of every change to the agreement's content, for its editors.
pub async fn log(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = by_slug(&state.db, &slug).await?;
    ctx.require_user()?;
    if !ctx.edits(agreement.id) {
        return Err(AppError::Forbidden);
    }
    let entries: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT l.at, l.action, l.detail, u.name FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
         WHERE l.agreement_id = $1 ORDER BY l.id DESC LIMIT 500",
    )
    .bind(agreement.id)
    .fetch_all(&state.db.pool)
    .await?;
    let mut page = Page::new(&ctx, "agreement-log-title");
    page.for_agreement(&ctx, &agreement);
    Ok(render(&LogView {
        page,
        agreement,
        entries: entries
            .into_iter()
            .map(|(at, action, detail, who)| {
                (
                    at.get(..16).unwrap_or(&at).replace('T', " "),
                    action,
                    detail,
                    who.unwrap_or_else(|| "–".into()),
                )
            })
            .collect(),
    }))
}
