//! Periodic background work: retention purges and subscription mail. Every job is idempotent and
//! records each run in `job_runs`, so a crash only means the next run does it
//! and what was erased, and when, is on record. Several processes may run the
//! same job; the second finds nothing left to do.

use std::time::Duration;

use crate::db::{self, Db};
use crate::web::AppState;

const EVERY: Duration = Duration::from_secs(3600);
/// How often subscribers' mail is looked for.
const DELIVERY_EVERY: Duration = Duration::from_secs(60);
/// An unconfirmed subscription (double opt-in) is kept this long.
const UNCONFIRMED_RETENTION_DAYS: i64 = 7;

/// Dietary and accessibility needs are kept this long after the meeting ends.
const SENSITIVE_RETENTION_DAYS: i64 = 30;

pub const PURGE_SENSITIVE: &str = "purge_sensitive_registration_data";
pub const PURGE_UNCONFIRMED: &str = "purge_unconfirmed_subscriptions";

/// Runs until the process ends: the purges once at start-up, then hourly;
/// subscription mail every minute, in a loop of its own.
pub async fn run(state: AppState) {
    tokio::join!(hourly(state.clone()), deliveries(state));
}

async fn hourly(state: AppState) {
    loop {
        if let Err(e) = purge_sensitive_registration_data(&state.db, &db::now()).await {
            tracing::warn!(error = %e, job = PURGE_SENSITIVE, "job failed; the next run retries");
        }
        if let Err(e) = purge_unconfirmed_subscriptions(&state.db, &db::now()).await {
            tracing::warn!(error = %e, job = PURGE_UNCONFIRMED, "job failed; the next run retries");
        }
        tokio::time::sleep(EVERY).await;
    }
}

async fn deliveries(state: AppState) {
    loop {
        if let Err(e) = crate::subscriptions::deliver_due(&state, &db::now()).await {
            tracing::warn!(error = %e, "subscription delivery failed; the next run retries");
        }
        tokio::time::sleep(DELIVERY_EVERY).await;
    }
}

fn days_before(now: &str, days: i64) -> Result<String, sqlx::Error> {
    let now_ts: jiff::Timestamp = now
        .parse()
        .map_err(|e| sqlx::Error::Protocol(format!("bad time {now:?}: {e}")))?;
    Ok(db::timestamp(
        now_ts
            .checked_sub(jiff::SignedDuration::from_hours(24 * days))
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?,
    ))
}

/// Deletes the subscriptions never confirmed within seven days of `now`
/// (their links go with them), and every expired confirmation link.
/// Returns how many subscriptions were deleted.
pub async fn purge_unconfirmed_subscriptions(db: &Db, now: &str) -> Result<u64, sqlx::Error> {
    let cutoff = days_before(now, UNCONFIRMED_RETENTION_DAYS)?;
    let mut tx = db.pool.begin().await?;
    let run: i64 = sqlx::query_scalar(
        "INSERT INTO job_runs (job, started_at, detail) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(PURGE_UNCONFIRMED)
    .bind(db::now())
    .bind(format!("unconfirmed subscriptions created before {cutoff}"))
    .fetch_one(&mut *tx)
    .await?;
    let affected =
        sqlx::query("DELETE FROM subscriptions WHERE confirmed_at IS NULL AND created_at < $1")
            .bind(&cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    sqlx::query("DELETE FROM subscription_links WHERE expires_at IS NOT NULL AND expires_at < $1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE job_runs SET finished_at = $1, affected = $2 WHERE id = $3")
        .bind(db::now())
        .bind(i64::try_from(affected).unwrap_or(i64::MAX))
        .bind(run)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(
        job = PURGE_UNCONFIRMED,
        affected,
        cutoff,
        "deleted unconfirmed subscriptions"
    );
    Ok(affected)
}

/// Erases the dietary and accessibility needs of every registration whose
/// meeting ended more than 30 days before `now` (a stored timestamp), and
/// marks them erased. Touches nothing else. Returns how many were erased.
pub async fn purge_sensitive_registration_data(db: &Db, now: &str) -> Result<u64, sqlx::Error> {
    let cutoff = days_before(now, SENSITIVE_RETENTION_DAYS)?;
    let mut tx = db.pool.begin().await?;
    let run: i64 = sqlx::query_scalar(
        "INSERT INTO job_runs (job, started_at, detail) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(PURGE_SENSITIVE)
    .bind(db::now())
    .bind(format!("meetings ended before {cutoff}"))
    .fetch_one(&mut *tx)
    .await?;
    let affected = sqlx::query(
        "UPDATE registrations SET dietary = '', accessibility = '', sensitive_erased_at = $1
         WHERE sensitive_erased_at IS NULL
           AND meeting_id IN (SELECT id FROM meetings WHERE ends_at < $2)",
    )
    .bind(now)
    .bind(&cutoff)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("UPDATE job_runs SET finished_at = $1, affected = $2 WHERE id = $3")
        .bind(db::now())
        .bind(i64::try_from(affected).unwrap_or(i64::MAX))
        .bind(run)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(
        job = PURGE_SENSITIVE,
        affected,
        cutoff,
        "erased dietary and accessibility needs"
    );
    Ok(affected)
}
