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

/// Every public plan and measure page, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    overview::sitemap(db).await
}
