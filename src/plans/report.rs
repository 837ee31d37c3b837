//! The yearly follow-up report of a plan: a printable page and its PDF.

use axum::Router;

use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
