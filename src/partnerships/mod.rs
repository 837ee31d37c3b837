//! The register of partnerships: idea-based public partnerships (IOP) and
//! other joint initiatives between the public body and organisations.

pub mod demo;

use axum::Router;

use crate::db::Db;
use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}

/// Every public partnership page, for the sitemap.
pub async fn sitemap(_db: &Db) -> Result<Vec<String>, sqlx::Error> {
    Ok(Vec::new())
}
