//! Editors draft a plan, its areas, parties, measures and indicators, and
//! move it through decided, following up and closed.

use axum::Router;

use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
