//! One search over everything public (and, for those allowed, internal) in an
//! agreement or across agreements: organisations, meetings, minutes,
//! decisions, documents, news, action plans and their measures, proposals
//! and partnerships. See `index` for why it is an embedded index per
//! process fed from a change log in the database.

pub mod analyzer;
pub mod index;
pub mod query;
pub mod snippet;
pub mod sources;

use std::time::Duration;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use crate::agreements::{self, Agreement};
use crate::db::{self, Db};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub use index::{Hit, Search, SearchRequest, SearchResults};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/search", get(search_everywhere))
        .route("/{slug}/search", get(search_agreement))
}

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Organisation,
    Meeting,
    Minutes,
    Decision,
    Document,
    News,
    Plan,
    Measure,
    Proposal,
    Partnership,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Organisation,
        Kind::Meeting,
        Kind::Minutes,
        Kind::Decision,
        Kind::Document,
        Kind::News,
        Kind::Plan,
        Kind::Measure,
        Kind::Proposal,
        Kind::Partnership,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::Meeting => "meeting",
            Kind::Minutes => "minutes",
            Kind::Decision => "decision",
            Kind::Document => "document",
            Kind::News => "news",
            Kind::Plan => "plan",
            Kind::Measure => "measure",
            Kind::Proposal => "proposal",
            Kind::Partnership => "partnership",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Records that something searchable was created, changed or deleted. Call
/// it with the transaction that makes the change, so that the index hears of
/// exactly the changes that were kept.
pub async fn changed<'e, E>(executor: E, kind: Kind, object_id: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("INSERT INTO search_changes (kind, object_id, at) VALUES ($1, $2, $3)")
        .bind(kind.as_str())
        .bind(object_id)
        .bind(db::now())
        .execute(executor)
        .await?;
    Ok(())
}

/// The search page of each agreement and the one across agreements.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let mut paths = vec!["/search".to_string()];
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM agreements ORDER BY slug")
        .fetch_all(&db.pool)
        .await?;
    paths.extend(slugs.into_iter().map(|slug| format!("/{slug}/search")));
    Ok(paths)
}

/// Keeps this process's index current (a search catches up by itself too;
/// this keeps the work off the first search after a change) and the log short.
pub async fn run(state: AppState) {
    let mut last_prune = std::time::Instant::now() - Duration::from_secs(3600);
    loop {
        match state.search.engine(&state.db).await {
            Ok(engine) => {
                if let Err(e) = engine.catch_up(&state.db).await {
                    tracing::warn!(error = %e, "search index could not catch up; retrying");
                }
            }
            Err(e) => tracing::warn!(error = %e, "search index could not be opened; retrying"),
        }
        if last_prune.elapsed() >= Duration::from_secs(3600) {
            last_prune = std::time::Instant::now();
            match index::prune(&state.db).await {
                Ok(n) if n > 0 => tracing::info!(removed = n, "search change log pruned"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "search change log not pruned"),
            }
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    #[serde(default)]
    q: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    page: String,
}

async fn search_everywhere(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<Params>,
) -> AppResult<Response> {
    search_page(&state, &ctx, None, params).await
}

async fn search_agreement(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(params): Query<Params>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    search_page(&state, &ctx, Some(agreement), params).await
}

/// Who the viewer is, as the index's audience tokens; None for an
/// administrator of the instance, who may see everything.
pub async fn audience(db: &Db, ctx: &Ctx) -> Result<Option<Vec<String>>, sqlx::Error> {
    use crate::accounts::session::Role;
    let mut tokens = vec![sources::PUBLIC.to_string()];
    let Some(user) = &ctx.user else {
        return Ok(Some(tokens));
    };
    if user.is_admin {
        return Ok(None);
    }
    for (agreement, role) in &user.roles {
        match role {
            Role::Administrator | Role::Editor => {
                tokens.push(sources::editors(*agreement));
                tokens.push(sources::members(*agreement));
            }
            Role::Member => tokens.push(sources::members(*agreement)),
            Role::Representative => {}
        }
    }
    let bodies: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT m.body_id FROM memberships m JOIN people p ON p.id = m.person_id
         WHERE p.user_id = $1 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2)
         ORDER BY m.body_id",
    )
    .bind(user.id)
    .bind(db::today())
    .fetch_all(&db.pool)
    .await?;
    tokens.extend(bodies.into_iter().map(sources::body_members));
    tokens.sort();
    tokens.dedup();
    Ok(Some(tokens))
}

/// Searches as the viewer, after catching up with the change log.
pub async fn run_search(
    state: &AppState,
    ctx: &Ctx,
    text: &str,
    agreement: Option<i64>,
    kind: Option<Kind>,
    year: Option<u64>,
    page: usize,
) -> AppResult<SearchResults> {
    let parsed = query::parse(text);
    if parsed.is_empty() {
        return Ok(SearchResults::default());
    }
    let engine = state
        .search
        .engine(&state.db)
        .await
        .map_err(AppError::internal)?
        .clone();
    engine
        .catch_up(&state.db)
        .await
        .map_err(AppError::internal)?;
    let request = SearchRequest {
        parsed,
        agreement,
        kind,
        year,
        page,
        audience: audience(&state.db, ctx).await?,
        now: jiff::Timestamp::now().as_second(),
    };
    tokio::task::spawn_blocking(move || engine.search(&request))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

struct HitView {
    kind_label: String,
    title_html: String,
    snippet_html: String,
    path: String,
    date: String,
    context: String,
}

struct FacetLink {
    label: String,
    count: u64,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "search/templates/search.html")]
struct SearchView {
    page: Page,
    action: String,
    q: String,
    searched: bool,
    summary: String,
    hits: Vec<HitView>,
    first_number: usize,
    kinds: Vec<FacetLink>,
    years: Vec<FacetLink>,
    all_kinds_href: String,
    all_years_href: String,
    filtered_kind: bool,
    filtered_year: bool,
    number: usize,
    prev_href: Option<String>,
    next_href: Option<String>,
}

fn href(action: &str, q: &str, kind: &str, year: &str, page: usize) -> String {
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    pairs.append_pair("q", q);
    if !kind.is_empty() {
        pairs.append_pair("type", kind);
    }
    if !year.is_empty() {
        pairs.append_pair("year", year);
    }
    if page > 1 {
        pairs.append_pair("page", &page.to_string());
    }
    format!("{action}?{}", pairs.finish())
}

async fn search_page(
    state: &AppState,
    ctx: &Ctx,
    agreement: Option<Agreement>,
    params: Params,
) -> AppResult<Response> {
    let q = params.q.trim().to_string();
    let kind = Kind::parse(&params.kind);
    let kind_text = kind.map(|k| k.as_str()).unwrap_or("");
    let year: Option<u64> = params
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..3000).contains(y));
    let year_text = year.map(|y| y.to_string()).unwrap_or_default();
    let number: usize = params
        .page
        .parse()
        .ok()
        .filter(|n| (1..=500).contains(n))
        .unwrap_or(1);
    let results = run_search(
        state,
        ctx,
        &q,
        agreement.as_ref().map(|a| a.id),
        kind,
        year,
        number,
    )
    .await?;
    let action = match &agreement {
        Some(a) => format!("/{}/search", a.slug),
        None => "/search".to_string(),
    };
    let mut page = match (&agreement, q.is_empty()) {
        (Some(a), true) => {
            Page::titled(ctx, format!("{} – {}", ctx.t("search-title"), a.short_name))
        }
        (None, true) => Page::new(ctx, "search-title"),
        (_, false) => Page::titled(
            ctx,
            ctx.lang.t_with("search-title-for", &[("query", q.clone())]),
        ),
    };
    if let Some(a) = &agreement {
        page.for_agreement(ctx, a);
    }
    let searched = !query::parse(&q).is_empty();
    let hits = results
        .hits
        .iter()
        .map(|h| HitView {
            kind_label: ctx.t(&format!("search-kind-{}", h.kind.as_str())),
            title_html: h.title_html.clone(),
            snippet_html: h.snippet_html.clone(),
            path: h.path.clone(),
            date: if h.date.is_empty() {
                String::new()
            } else {
                agreements::long_date(ctx.lang, &h.date)
            },
            context: if agreement.is_none() {
                h.context.clone()
            } else {
                String::new()
            },
        })
        .collect();
    let kinds = results
        .kinds
        .iter()
        .map(|(k, n)| FacetLink {
            label: ctx.t(&format!("search-kind-{}", k.as_str())),
            count: *n,
            href: href(&action, &q, k.as_str(), &year_text, 1),
            current: kind == Some(*k),
        })
        .collect();
    let years = results
        .years
        .iter()
        .map(|(y, n)| FacetLink {
            label: y.to_string(),
            count: *n,
            href: href(&action, &q, kind_text, &y.to_string(), 1),
            current: year == Some(*y),
        })
        .collect();
    let pages = results.total.div_ceil(index::PER_PAGE).max(1);
    let summary = ctx.lang.t_with(
        "search-summary",
        &[("count", results.total.to_string()), ("query", q.clone())],
    );
    let view = SearchView {
        page,
        all_kinds_href: href(&action, &q, "", &year_text, 1),
        all_years_href: href(&action, &q, kind_text, "", 1),
        filtered_kind: kind.is_some(),
        filtered_year: year.is_some(),
        prev_href: (number > 1).then(|| href(&action, &q, kind_text, &year_text, number - 1)),
        next_href: (number < pages).then(|| href(&action, &q, kind_text, &year_text, number + 1)),
        action,
        q,
        searched,
        summary,
        hits,
        first_number: (number - 1) * index::PER_PAGE + 1,
        kinds,
        years,
        number,
    };
    Ok(render(&view))
}
