//! Follow-up entries on a measure, by a responsible party or an editor.

use axum::Router;

use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
