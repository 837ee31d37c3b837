//! Minutes (protokoll) and notes (anteckningar) of meetings, item by item,
//! and the decisions register of an agreement.

use axum::Router;

use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
