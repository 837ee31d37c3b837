//! Action plans of an agreement: a plan for a period, its strategic areas,
//! its measures with responsible parties and indicators, and their
//! follow-up, year by year, until the plan is closed.

pub mod charts;
pub mod cycle;
pub mod demo;
pub mod edit;
pub mod follow_up;
pub mod model;
pub mod overview;
pub mod report;

use axum::Router;

use crate::db::Db;
use crate::web::AppState;
pub use model::{Measure, Plan};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(overview::routes())
        .merge(report::routes())
        .merge(edit::routes())
        .merge(follow_up::routes())
        .merge(cycle::routes())
}

/// The current plan and its progress (cancelled measures left out), for the
/// agreement's start page: the latest plan that is not a draft.
pub async fn current(
    db: &Db,
    agreement_id: i64,
) -> Result<Option<(Plan, Option<i64>)>, sqlx::Error> {
    let Some(plan) = Plan::all(db, agreement_id, false).await?.into_iter().next() else {
        return Ok(None);
    };
    let measures = Measure::of_plan(db, plan.id).await?;
    let progress = model::roll_up(&measures);
    Ok(Some((plan, progress)))
}

/// The measures of public plans an organisation is responsible for, for its
/// page: (path, title).
pub async fn for_organisation(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT a.slug, m.id, m.title FROM measure_parties mp
         JOIN plan_parties p ON p.id = mp.party_id
         JOIN measures m ON m.id = mp.measure_id
         JOIN action_plans ap ON ap.id = m.plan_id
         JOIN agreements a ON a.id = ap.agreement_id
         WHERE p.organisation_id = $1 AND ap.state <> 'draft'
         ORDER BY ap.first_year DESC, m.position, m.id",
    )
    .bind(organisation_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, id, title)| (format!("/{slug}/measures/{id}"), title))
        .collect())
}

/// Every public plan and measure page, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    overview::sitemap(db).await
}
