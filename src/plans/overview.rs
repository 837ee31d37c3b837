//! The public pages: the list of plans (the current one first), a plan's
//! overview with progress per area and measure, and a measure's page.

use axum::Router;

use crate::db::Db;
use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}

pub async fn sitemap(_db: &Db) -> Result<Vec<String>, sqlx::Error> {
    Ok(Vec::new())
}
