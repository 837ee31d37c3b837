//! Proposals to the agreement group, from a signatory organisation or a
//! dialogue meeting: supported by other organisations, commented on,
//! considered, and adopted as a measure or declined.

pub mod demo;

use axum::Router;

use crate::db::Db;
use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}

/// Every public proposal page, for the sitemap.
pub async fn sitemap(_db: &Db) -> Result<Vec<String>, sqlx::Error> {
    Ok(Vec::new())
}
