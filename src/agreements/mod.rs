//! Agreements: each has a slug (/vg/) and a start page. An instance with one
//! agreement also shows it at the root; with several, the root lists them.

pub mod content;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::db::Db;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(root))
        .route("/{slug}/", get(start_page))
        .route("/{slug}", get(add_slash))
        .route("/{slug}/agreement", get(content::agreement_page))
        .route("/{slug}/agreement/versions", get(content::versions))
        .route("/{slug}/agreement/versions/{n}", get(content::version))
        .route(
            "/{slug}/agreement/edit",
            get(content::edit_form).post(content::edit),
        )
        .route("/{slug}/agreement/log", get(content::log))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Agreement {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub public_body: String,
    pub summary: String,
    pub adopted_on: Option<String>,
    pub adopted_by: String,
    pub signed_on: Option<String>,
}

const COLUMNS: &str =
    "id, slug, name, short_name, public_body, summary, adopted_on, adopted_by, signed_on";

pub async fn all(db: &Db) -> Result<Vec<Agreement>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM agreements ORDER BY name");
    sqlx::query_as(&sql).fetch_all(&db.pool).await
}

pub async fn by_slug(db: &Db, slug: &str) -> AppResult<Agreement> {
    let sql = format!("SELECT {COLUMNS} FROM agreements WHERE slug = $1");
    sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The public pages of every agreement, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    Ok(all(db)
        .await?
        .into_iter()
        .flat_map(|a| {
            [
                format!("/{}/", a.slug),
                format!("/{}/agreement", a.slug),
                format!("/{}/agreement/versions", a.slug),
                format!("/{}/signatories", a.slug),
            ]
        })
        .collect())
}

/// Swedish and English dates differ: "25 november 2014" and "25 November 2014".
pub fn long_date(lang: crate::web::i18n::Lang, iso: &str) -> String {
    let Ok(date) = iso.parse::<jiff::civil::Date>() else {
        return iso.to_string();
    };
    let month = lang.t(&format!("month-{}", date.month()));
    format!("{} {} {}", date.day(), month, date.year())
}

#[derive(Template)]
#[template(path = "agreements/templates/start.html")]
struct StartView {
    page: Page,
    agreement: Agreement,
    signatories: i64,
    /// The next meetings: id, when, title.
    meetings: Vec<(i64, String, String)>,
    adopted: Option<String>,
    signed: Option<String>,
    /// The current action plan: its path, title and progress.
    plan: Option<(String, String, crate::plans::overview::ProgressView)>,
    /// The newest published articles: path, title, date.
    news: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "agreements/templates/list.html")]
struct ListView {
    page: Page,
    agreements: Vec<Agreement>,
}

async fn root(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let mut agreements = all(&state.db).await?;
    if agreements.len() == 1 {
        let agreement = agreements.remove(0);
        let signatories = crate::signatories::current_count(&state.db, agreement.id).await?;
        let meetings = crate::meetings::upcoming(&state.db, agreement.id, 3).await?;
        let plan = crate::plans::current(&state.db, agreement.id).await?;
        let news =
            crate::news::latest(&state.db, ctx.lang, &agreement.slug, agreement.id, 3).await?;
        return Ok(start(
            &ctx,
            agreement,
            true,
            signatories,
            meetings,
            plan,
            news,
        ));
    }
    Ok(render(&ListView {
        page: Page::new(&ctx, "agreements-title"),
        agreements,
    }))
}

async fn start_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = by_slug(&state.db, &slug).await?;
    let signatories = crate::signatories::current_count(&state.db, agreement.id).await?;
    let meetings = crate::meetings::upcoming(&state.db, agreement.id, 3).await?;
    let plan = crate::plans::current(&state.db, agreement.id).await?;
    let news = crate::news::latest(&state.db, ctx.lang, &agreement.slug, agreement.id, 3).await?;
    Ok(start(
        &ctx,
        agreement,
        false,
        signatories,
        meetings,
        plan,
        news,
    ))
}

/// "/vg" becomes "/vg/", but only for an agreement that exists.
async fn add_slash(State(state): State<AppState>, Path(slug): Path<String>) -> AppResult<Response> {
    let agreement = by_slug(&state.db, &slug).await?;
    Ok(axum::response::Redirect::permanent(&format!("/{}/", agreement.slug)).into_response())
}

fn start(
    ctx: &Ctx,
    agreement: Agreement,
    at_root: bool,
    signatories: i64,
    meetings: Vec<crate::meetings::Meeting>,
    plan: Option<(crate::plans::Plan, Option<i64>)>,
    news: Vec<(String, String, String)>,
) -> Response {
    let mut page = Page::titled(ctx, agreement.name.clone()).describe(agreement.summary.clone());
    if at_root {
        page.canonical = Some(format!("/{}/", agreement.slug));
    }
    page.for_agreement(ctx, &agreement);
    page.alternates
        .push(crate::news::feed_alternate(ctx.lang, &agreement));
    render(&StartView {
        news,
        adopted: agreement
            .adopted_on
            .as_deref()
            .map(|d| long_date(ctx.lang, d)),
        signed: agreement
            .signed_on
            .as_deref()
            .map(|d| long_date(ctx.lang, d)),
        signatories,
        meetings: meetings
            .into_iter()
            .map(|m| (m.id, m.when(ctx.lang), m.title))
            .collect(),
        plan: plan.map(|(plan, progress)| {
            let view = crate::plans::overview::ProgressView::new(
                ctx.lang,
                "current-plan-progress".into(),
                &plan.title,
                progress,
            );
            (plan.path(&agreement.slug), plan.title, view)
        }),
        page,
        agreement,
    })
}
