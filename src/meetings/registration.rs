//! Registration for a meeting, with capacity per participation mode, a
//! per-organisation limit and a waitlist.

use axum::Router;

use crate::db::Db;
use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}

/// Live registrations of a meeting by mode and status.
#[derive(Debug, Default)]
pub struct Counts {
    rows: Vec<(String, String, i64)>,
}

impl Counts {
    fn get(&self, mode: &str, status: &str) -> i64 {
        self.rows
            .iter()
            .filter(|(m, s, _)| m == mode && s == status)
            .map(|(_, _, n)| *n)
            .sum()
    }

    pub fn confirmed(&self, mode: &str) -> i64 {
        self.get(mode, "confirmed")
    }

    pub fn waitlisted(&self, mode: &str) -> i64 {
        self.get(mode, "waitlisted")
    }
}

pub async fn counts(db: &Db, meeting_id: i64) -> Result<Counts, sqlx::Error> {
    let rows = sqlx::query_as(
        "SELECT mode, status, COUNT(*) FROM registrations
         WHERE meeting_id = $1 AND status <> 'cancelled' GROUP BY mode, status",
    )
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(Counts { rows })
}
