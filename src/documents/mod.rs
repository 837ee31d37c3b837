//! The document library of an agreement: typed, dated documents with
//! versions and a visibility, uploaded files checked by their content, text
//! extracted for search.

pub mod storage;

use axum::Router;

use crate::db::Db;
use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}

/// Every public document and the library pages, for the sitemap.
pub async fn sitemap(_db: &Db) -> Result<Vec<String>, sqlx::Error> {
    Ok(Vec::new())
}
