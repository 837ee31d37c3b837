//! Proposals to the agreement group, from a signatory organisation or a
//! dialogue meeting: supported by other organisations, commented on,
//! considered, and adopted as a measure or declined.

pub mod actions;
pub mod demo;
pub mod model;
pub mod submit;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::agreements::content::PRINCIPLES;
use crate::agreements::{self, Agreement};
use crate::db::{self, Db};
use crate::web::form::Errors;
use crate::web::layout::{Page, render};
use crate::web::{AppResult, AppState, Ctx};
pub use model::Proposal;
use model::{COLUMNS, Comment, FROM, STATES};

const PER_PAGE: i64 = 25;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/proposals", get(list))
        .route(
            "/{slug}/proposals/new",
            get(submit::form).post(submit::create),
        )
        .route("/{slug}/proposals/{id}", get(show))
        .route("/{slug}/proposals/{id}/support", post(actions::support))
        .route("/{slug}/proposals/{id}/withdraw", post(actions::withdraw))
        .route("/{slug}/proposals/{id}/comments", post(actions::comment))
        .route("/{slug}/proposals/{id}/state", post(actions::change_state))
        .route("/{slug}/proposals/{id}/hide", post(actions::hide))
        .route("/{slug}/proposals/{id}/unhide", post(actions::unhide))
        .route(
            "/{slug}/proposals/{id}/comments/{cid}/hide",
            post(actions::hide_comment),
        )
        .route(
            "/{slug}/proposals/{id}/comments/{cid}/unhide",
            post(actions::unhide_comment),
        )
}

/// Every public proposal page, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM agreements ORDER BY slug")
        .fetch_all(&db.pool)
        .await?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.slug, p.id FROM proposals p JOIN agreements a ON a.id = p.agreement_id
         WHERE p.hidden_at IS NULL ORDER BY a.slug, p.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut paths: Vec<String> = slugs.iter().map(|s| format!("/{s}/proposals")).collect();
    paths.extend(rows.iter().map(|(s, id)| format!("/{s}/proposals/{id}")));
    Ok(paths)
}

/// The visible proposals an organisation has put forward, for its page: (path, title).
pub async fn for_organisation(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT a.slug, p.id, p.title FROM proposals p JOIN agreements a ON a.id = p.agreement_id
         WHERE p.organisation_id = $1 AND p.hidden_at IS NULL ORDER BY p.created_at DESC, p.id",
    )
    .bind(organisation_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, id, title)| (format!("/{slug}/proposals/{id}"), title))
        .collect())
}

/// The visible proposals put forward by a dialogue meeting, for its page: (id, title).
pub async fn from_meeting(db: &Db, meeting_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, title FROM proposals WHERE meeting_id = $1 AND hidden_at IS NULL ORDER BY id",
    )
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await
}

/// The visible proposals that became this measure, for its page: (id, title).
pub async fn for_measure(db: &Db, measure_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, title FROM proposals WHERE measure_id = $1 AND hidden_at IS NULL ORDER BY id",
    )
    .bind(measure_id)
    .fetch_all(&db.pool)
    .await
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    principle: String,
    #[serde(default)]
    page: String,
}

pub struct Line {
    pub proposal: Proposal,
    pub path: String,
    pub state: String,
    pub principle: String,
    pub date: String,
    pub from: String,
    pub mine: bool,
}

#[derive(Template)]
#[template(path = "proposals/templates/list.html")]
struct ListView {
    page: Page,
    agreement: Agreement,
    lines: Vec<Line>,
    areas: Vec<(i64, String)>,
    state: String,
    area: String,
    principle: String,
    total: i64,
    page_no: i64,
    pages: i64,
    query: String,
}

impl ListView {
    fn states(&self) -> Vec<(&'static str, String)> {
        STATES
            .iter()
            .map(|s| (*s, self.page.t(format!("proposal-state-{s}"))))
            .collect()
    }
    fn principles(&self) -> Vec<(&'static str, String)> {
        PRINCIPLES
            .iter()
            .map(|p| (*p, self.page.t(format!("principle-{p}"))))
            .collect()
    }
    fn page_href(&self, n: impl std::borrow::Borrow<i64>) -> String {
        let n = *n.borrow();
        format!("/{}/proposals?{}page={n}", self.agreement.slug, self.query)
    }
    fn hidden_text(&self, reason: &str) -> String {
        self.page.t1("proposal-hidden-by-editors", "reason", reason)
    }
    fn supports(&self, n: impl std::borrow::Borrow<i64>) -> String {
        let n = *n.borrow();
        self.page.t1("proposal-support-count", "count", n)
    }
    fn page_of(&self) -> String {
        self.page.lang.t_with(
            "proposal-page-of",
            &[
                ("page", self.page_no.to_string()),
                ("pages", self.pages.to_string()),
            ],
        )
    }
}

/// Organisations the visitor speaks for, to mark their own proposals.
async fn own_organisations(db: &Db, ctx: &Ctx, agreement_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    match &ctx.user {
        Some(u) => Ok(model::represented(db, agreement_id, u.id)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect()),
        None => Ok(Vec::new()),
    }
}

fn is_mine(ctx: &Ctx, own: &[i64], p: &Proposal) -> bool {
    let by_user = ctx
        .user
        .as_ref()
        .is_some_and(|u| p.submitted_by == Some(u.id));
    by_user || p.organisation_id.is_some_and(|o| own.contains(&o))
}

fn source_name(p: &Proposal) -> String {
    p.organisation_name
        .clone()
        .or_else(|| p.meeting_title.clone())
        .unwrap_or_default()
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let areas = model::areas(&state.db, agreement.id).await?;
    let st = if STATES.contains(&q.state.as_str()) {
        q.state.clone()
    } else {
        String::new()
    };
    let principle = if PRINCIPLES.contains(&q.principle.as_str()) {
        q.principle.clone()
    } else {
        String::new()
    };
    let area_id = q
        .area
        .parse::<i64>()
        .ok()
        .filter(|a| areas.iter().any(|(id, _)| id == a));
    let mut p = db::Params::new();
    let mut filter = format!("WHERE p.agreement_id = {}", p.int(agreement.id));
    let mut query = String::new();
    if !st.is_empty() {
        filter.push_str(&format!(" AND p.state = {}", p.text(&st)));
        query.push_str(&format!("state={st}&"));
    }
    if let Some(a) = area_id {
        filter.push_str(&format!(" AND p.area_id = {}", p.int(a)));
        query.push_str(&format!("area={a}&"));
    }
    if !principle.is_empty() {
        filter.push_str(&format!(" AND p.principle = {}", p.text(&principle)));
        query.push_str(&format!("principle={principle}&"));
    }
    let total: i64 = p
        .bind_scalar(sqlx::query_scalar(&format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM proposals p {filter}"
        )))
        .fetch_one(&state.db.pool)
        .await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_no = q.page.parse::<i64>().unwrap_or(1).clamp(1, pages);
    let sql = format!(
        "SELECT {COLUMNS} {FROM} {filter} ORDER BY p.created_at DESC, p.id DESC LIMIT {PER_PAGE} OFFSET {}",
        (page_no - 1) * PER_PAGE
    );
    let proposals: Vec<Proposal> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let own = own_organisations(&state.db, &ctx, agreement.id).await?;
    let lines = proposals
        .into_iter()
        .map(|pr| Line {
            path: pr.path(&agreement.slug),
            state: ctx.t(&format!("proposal-state-{}", pr.state)),
            principle: if pr.principle.is_empty() {
                String::new()
            } else {
                ctx.t(&format!("principle-{}", pr.principle))
            },
            date: model::long_day(ctx.lang, &pr.created_at),
            from: source_name(&pr),
            mine: is_mine(&ctx, &own, &pr),
            proposal: pr,
        })
        .collect();
    let mut page =
        Page::new(&ctx, "proposal-list-title").describe(ctx.t("proposal-list-description"));
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ListView {
        page,
        agreement,
        lines,
        areas,
        state: st,
        area: area_id.map(|a| a.to_string()).unwrap_or_default(),
        principle,
        total,
        page_no,
        pages,
        query,
    }))
}

/// What the proposal page's forms send back when they fail.
#[derive(Default, Clone)]
pub struct PageValues {
    pub comment: String,
    pub state: String,
    pub reason: String,
    pub measure: String,
    pub hide_reason: String,
    pub comment_hide_reason: String,
    pub comment_hide_id: i64,
}

pub struct CommentLine {
    pub comment: Comment,
    pub date: String,
    pub hidden_text: String,
}

#[derive(Template)]
#[template(path = "proposals/templates/show.html")]
struct ShowView {
    page: Page,
    agreement: Agreement,
    proposal: Proposal,
    text_html: String,
    state_label: String,
    principle: String,
    hidden_text: String,
    mine: bool,
    measure: Option<(String, String)>,
    supporters: Vec<(i64, String, String)>,
    comments: Vec<CommentLine>,
    timeline: Vec<(String, String)>,
    /// Organisations the visitor speaks for: (id, name, supports already,
    /// made the proposal and so cannot support it).
    my_orgs: Vec<(i64, String, bool, bool)>,
    can_comment: bool,
    logged_in: bool,
    can_edit: bool,
    measures: Vec<(i64, String)>,
    errors: Errors,
    values: PageValues,
}

impl ShowView {
    fn states(&self) -> Vec<(&'static str, String)> {
        STATES
            .iter()
            .filter(|s| **s != "received")
            .map(|s| (*s, self.page.t(format!("proposal-state-{s}"))))
            .collect()
    }
    fn supports(&self) -> String {
        self.page.t1(
            "proposal-support-count",
            "count",
            self.proposal.support_count,
        )
    }
    fn meeting_href(&self) -> String {
        format!(
            "/{}/meetings/{}",
            self.agreement.slug,
            self.proposal.meeting_id.unwrap_or_default()
        )
    }
    fn base(&self) -> String {
        self.proposal.path(&self.agreement.slug)
    }
    fn comment_error(&self, id: impl std::borrow::Borrow<i64>) -> bool {
        let id = *id.borrow();
        self.values.comment_hide_id == id && self.errors.has("comment_hide_reason")
    }
}

pub(crate) fn can_comment(ctx: &Ctx, agreement_id: i64, represents: bool) -> bool {
    use crate::accounts::session::Role;
    ctx.user.as_ref().is_some_and(|u| {
        represents
            || u.has_role(agreement_id, Role::Editor)
            || u.has_role(agreement_id, Role::Member)
            || u.has_role(agreement_id, Role::Representative)
    })
}

/// The proposal page, fresh or with a failed form's errors and input.
pub(crate) async fn page_response(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    proposal: Proposal,
    errors: Errors,
    values: PageValues,
) -> AppResult<Response> {
    let db = &state.db;
    let can_edit = ctx.edits(agreement.id);
    let supporters = model::supporters(db, proposal.id).await?;
    let represented = match &ctx.user {
        Some(u) => model::represented(db, agreement.id, u.id).await?,
        None => Vec::new(),
    };
    let own: Vec<i64> = represented.iter().map(|(id, _)| *id).collect();
    let my_orgs = represented
        .into_iter()
        .map(|(id, name)| {
            let supports = supporters.iter().any(|(s, _, _)| *s == id);
            (id, name, supports, proposal.organisation_id == Some(id))
        })
        .collect();
    let comments = model::comments(db, proposal.id)
        .await?
        .into_iter()
        .map(|c| CommentLine {
            date: model::long_day(ctx.lang, &c.created_at),
            hidden_text: ctx.lang.t_with(
                "proposal-hidden-by-editors",
                &[("reason", c.hidden_reason.clone())],
            ),
            comment: c,
        })
        .collect();
    let timeline = model::events(db, proposal.id)
        .await?
        .into_iter()
        .map(|(s, reason, at)| {
            let line = ctx.lang.t_with(
                &format!("proposal-event-{s}"),
                &[("date", model::long_day(ctx.lang, &at))],
            );
            (line, reason)
        })
        .collect();
    let measure = match proposal.measure_id {
        Some(m) => sqlx::query_scalar::<_, String>("SELECT title FROM measures WHERE id = $1")
            .bind(m)
            .fetch_optional(&db.pool)
            .await?
            .map(|title| (format!("/{}/measures/{m}", agreement.slug), title)),
        None => None,
    };
    let measures = if can_edit {
        model::measures(db, agreement.id).await?
    } else {
        Vec::new()
    };
    let hidden_text = ctx.lang.t_with(
        "proposal-hidden-by-editors",
        &[("reason", proposal.hidden_reason.clone())],
    );
    let title = if proposal.is_hidden() {
        ctx.lang
            .t_with("proposal-hidden-title", &[("id", proposal.id.to_string())])
    } else {
        proposal.title.clone()
    };
    let description = if proposal.is_hidden() {
        hidden_text.clone()
    } else {
        proposal.text.chars().take(200).collect()
    };
    let mut page = Page::titled(ctx, title)
        .describe(description)
        .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    let view = ShowView {
        text_html: crate::web::markdown::to_html(&proposal.text),
        state_label: ctx.t(&format!("proposal-state-{}", proposal.state)),
        principle: if proposal.principle.is_empty() {
            String::new()
        } else {
            ctx.t(&format!("principle-{}", proposal.principle))
        },
        mine: is_mine(ctx, &own, &proposal),
        can_comment: can_comment(ctx, agreement.id, !own.is_empty()),
        logged_in: ctx.user.is_some(),
        hidden_text,
        measure,
        supporters,
        comments,
        timeline,
        my_orgs,
        can_edit,
        measures,
        errors,
        values,
        page,
        agreement,
        proposal,
    };
    if status == StatusCode::OK {
        Ok(render(&view))
    } else {
        Ok((status, render(&view)).into_response())
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let proposal = Proposal::find(&state.db, agreement.id, id).await?;
    page_response(
        &state,
        &ctx,
        agreement,
        proposal,
        Errors::new(),
        PageValues::default(),
    )
    .await
}
