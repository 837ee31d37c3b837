//! News and press releases of an agreement: a list, an article page with
//! named contact persons and attachments, and Atom feeds per agreement and tag.

use axum::Router;

use crate::db::Db;
use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}

/// Every published article and the list pages, for the sitemap.
pub async fn sitemap(_db: &Db) -> Result<Vec<String>, sqlx::Error> {
    Ok(Vec::new())
}
