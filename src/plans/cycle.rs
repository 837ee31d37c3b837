//! The yearly follow-up cycle: editors ask every responsible party for its
//! report by e-mail and see who has answered.

use axum::Router;

use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
