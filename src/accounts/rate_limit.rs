//! Fixed-window rate limits kept in the database, so that every process
//! behind a load balancer counts the same attempts.

use std::time::Duration;

use crate::db::{self, Db};

pub struct Limit {
    pub name: &'static str,
    pub max: i64,
    pub window: Duration,
}

pub const LOGIN_PER_ACCOUNT: Limit = Limit {
    name: "login-account",
    max: 10,
    window: Duration::from_secs(15 * 60),
};
pub const LOGIN_PER_IP: Limit = Limit {
    name: "login-ip",
    max: 50,
    window: Duration::from_secs(15 * 60),
};
pub const RESET_PER_ACCOUNT: Limit = Limit {
    name: "reset-account",
    max: 3,
    window: Duration::from_secs(60 * 60),
};
pub const RESET_PER_IP: Limit = Limit {
    name: "reset-ip",
    max: 20,
    window: Duration::from_secs(60 * 60),
};
pub const REGISTER_PER_IP: Limit = Limit {
    name: "register-ip",
    max: 20,
    window: Duration::from_secs(60 * 60),
};
/// Registrations for meetings that mail one address.
pub const REGISTRATIONS_PER_ADDRESS: Limit = Limit {
    name: "meeting-registration-address",
    max: 10,
    window: Duration::from_secs(60 * 60),
};
/// Requests with one API token; `api_requests_per_hour` in the configuration
/// sets `max`.
pub const API_TOKEN: Limit = Limit {
    name: "api-token",
    max: 600,
    window: Duration::from_secs(60 * 60),
};
pub const REPORT_PER_IP: Limit = Limit {
    name: "report-ip",
    max: 10,
    window: Duration::from_secs(60 * 60),
};

/// Counts one attempt against `limit` for `who`. Returns the seconds to wait
/// when the limit is exceeded.
pub async fn hit(db: &Db, limit: &Limit, who: &str) -> Result<Option<u64>, sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    if db.backend == crate::db::Backend::Postgres {
        // A counter may lose its last hits in a crash: its commit need not
        // wait for the disk, and a burst on one bucket does not queue on it.
        sqlx::query("SET LOCAL synchronous_commit = off")
            .execute(&mut *tx)
            .await?;
    }
    let wait = hit_in(&mut *tx, limit, who).await?;
    tx.commit().await?;
    Ok(wait)
}

/// Counts one attempt inside the caller's transaction.
pub async fn hit_in<'e, E>(
    executor: E,
    limit: &Limit,
    who: &str,
) -> Result<Option<u64>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let bucket = format!("{}:{}", limit.name, who.to_lowercase());
    // One statement, so that concurrent attempts cannot slip between a read and a write.
    let hits: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (bucket) DO UPDATE SET
            hits = CASE WHEN rate_limits.window_start < $3 THEN 1 ELSE rate_limits.hits + 1 END,
            window_start = CASE WHEN rate_limits.window_start < $3 THEN $2 ELSE rate_limits.window_start END
         RETURNING hits",
    )
    .bind(&bucket)
    .bind(db::now())
    .bind(db::ago(limit.window))
    .fetch_one(executor)
    .await?;
    Ok((hits > limit.max).then_some(limit.window.as_secs()))
}

/// Forgets the attempts of `who`, e.g. after a successful login.
pub async fn clear(db: &Db, limit: &Limit, who: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE bucket = $1")
        .bind(format!("{}:{}", limit.name, who.to_lowercase()))
        .execute(&db.pool)
        .await?;
    Ok(())
}
