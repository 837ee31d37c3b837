//! Storage: one connection pool over SQLite or PostgreSQL, and the migrations.
//! Every query in Överens is portable SQL; the few differences between the
//! two backends live in this module and nowhere else.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

pub type Pool = AnyPool;

/// Which database the pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Self, DbError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(DbError::UnsupportedUrl(redact(url)))
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL {0}: use sqlite:PATH or postgres://...")]
    UnsupportedUrl(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error("migration {name} failed: {source}")]
    Migration { name: String, source: sqlx::Error },
}

/// The application's handle on its database.
#[derive(Clone)]
pub struct Db {
    pub pool: Pool,
    pub backend: Backend,
    writes: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// The SQLite URL for a data directory: the default when DATABASE_URL is unset.
pub fn sqlite_url_in(data_dir: &Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("overens.db").display()
    )
}

impl Db {
    /// Opens a pool sized for the machine, with SQLite's WAL, busy timeout and
    /// foreign keys switched on for every connection.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url)?;
        let options = AnyConnectOptions::from_str(url)?
            .log_statements(tracing::log::LevelFilter::Debug)
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500));
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
        let pool_options = match backend {
            // SQLite has one writer; a few readers in WAL mode are all it can use.
            // Two per core: a connection held by a write leaves readers some.
            Backend::Sqlite => AnyPoolOptions::new().max_connections((cores * 2).clamp(4, 8)),
            // Leaves room for several processes sharing one PostgreSQL server.
            Backend::Postgres => AnyPoolOptions::new().max_connections((cores * 4).clamp(4, 32)),
        };
        let pool = pool_options
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Db {
            pool,
            backend,
            writes: Default::default(),
        })
    }

    /// SQLite takes one writer at a time. The writes that come in bursts
    /// (registrations, rate limits, the mail worker) take turns here, so
    /// that none waits in SQLite's busy handler, which sleeps up to 100 ms at
    /// a time while holding one of the few connections. PostgreSQL locks
    /// rows, not the database: no turn is needed.
    pub async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.writes.lock().await),
            Backend::Postgres => None,
        }
    }

    /// Applies the migrations not yet applied, each in its own transaction.
    pub async fn migrate(&self) -> Result<usize, DbError> {
        self.pool
            .execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .await?;
        let mut applied = 0;
        for (version, name, sql) in MIGRATIONS {
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&self.pool)
                    .await?;
            if done.is_some() {
                continue;
            }
            let fail = |source| DbError::Migration {
                name: name.to_string(),
                source,
            };
            let mut tx = self.pool.begin().await.map_err(fail)?;
            tx.execute(self.dialect(sql).as_str()).await.map_err(fail)?;
            sqlx::query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .bind(*version)
            .bind(*name)
            .bind(now())
            .execute(&mut *tx)
            .await
            .map_err(fail)?;
            tx.commit().await.map_err(fail)?;
            tracing::info!(version, name, "applied migration");
            applied += 1;
        }
        Ok(applied)
    }

    /// Turns the migrations' one dialect into this backend's. Migrations are
    /// written for SQLite, where `INTEGER PRIMARY KEY` is the row id; in
    /// PostgreSQL that becomes an identity column.
    fn dialect(&self, sql: &str) -> String {
        match self.backend {
            Backend::Sqlite => sql.to_string(),
            Backend::Postgres => sql.replace(
                "INTEGER PRIMARY KEY",
                "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            ),
        }
    }

    /// A consistent copy of the whole database, taken while it is in use.
    pub async fn backup_sqlite(&self, target: &Path) -> Result<(), DbError> {
        sqlx::query("VACUUM INTO $1")
            .bind(target.display().to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn is_healthy(&self) -> bool {
        sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .is_ok()
    }
}

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("migrations/0001_foundation.sql"),
    ),
    (
        2,
        "signatories",
        include_str!("migrations/0002_signatories.sql"),
    ),
    (
        3,
        "agreement content",
        include_str!("migrations/0003_agreement_content.sql"),
    ),
    (4, "bodies", include_str!("migrations/0004_bodies.sql")),
    (
        5,
        "elections",
        include_str!("migrations/0005_elections.sql"),
    ),
    (6, "meetings", include_str!("migrations/0006_meetings.sql")),
    (
        7,
        "plans, proposals and partnerships",
        include_str!("migrations/0007_plans.sql"),
    ),
    (
        8,
        "documents, news, subscriptions and the search change log",
        include_str!("migrations/0008_documents_news_search.sql"),
    ),
    (
        9,
        "open data: licences and API tokens",
        include_str!("migrations/0009_open_data.sql"),
    ),
    (
        10,
        "signatory periods' change times",
        include_str!("migrations/0010_signatory_changes.sql"),
    ),
    (
        11,
        "indexes for every lookup and every deletable reference",
        include_str!("migrations/0011_indexes.sql"),
    ),
];

/// Records a change made by an editor or administrator in the agreement's
/// audit log. Pass the transaction of the change, so that both are kept or
/// neither.
pub async fn audit<'e, E>(
    executor: E,
    agreement_id: i64,
    user_id: Option<i64>,
    action: &str,
    detail: String,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (agreement_id, user_id, action, detail, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(agreement_id)
    .bind(user_id)
    .bind(action)
    .bind(detail)
    .bind(now())
    .execute(executor)
    .await?;
    Ok(())
}

/// Timestamps are stored as fixed-width UTC text, so that they sort and
/// compare the same way on both backends.
pub fn timestamp(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Today's date in Sweden, as stored: YYYY-MM-DD.
pub fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

pub fn now() -> String {
    timestamp(jiff::Timestamp::now())
}

/// The moment `d` from now, in the stored form.
pub fn from_now(d: Duration) -> String {
    let span = jiff::SignedDuration::try_from(d).unwrap_or(jiff::SignedDuration::MAX);
    timestamp(
        jiff::Timestamp::now()
            .saturating_add(span)
            .unwrap_or(jiff::Timestamp::MAX),
    )
}

/// The moment `d` ago, in the stored form.
pub fn ago(d: Duration) -> String {
    let span = jiff::SignedDuration::try_from(d).unwrap_or(jiff::SignedDuration::MAX);
    timestamp(
        jiff::Timestamp::now()
            .saturating_sub(span)
            .unwrap_or(jiff::Timestamp::MIN),
    )
}

/// A database URL fit for logs: without its password.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// True when the error is a violated UNIQUE constraint (both backends).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Flags are stored as 0/1 (see the first migration); they leave as booleans.
pub fn serialize_flag<S: serde::Serializer>(flag: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(*flag != 0)
}

/// A value for a query whose shape is decided at run time (filters).
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Int(i64),
}

/// Numbered placeholders for a query built from parts. sqlx's QueryBuilder
/// writes `?` for the Any driver, which PostgreSQL does not understand;
/// `$n` works on both backends.
#[derive(Debug, Default, Clone)]
pub struct Params(Vec<Arg>);

impl Params {
    pub fn new() -> Params {
        Params::default()
    }

    /// Adds a value and returns its placeholder.
    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.0.push(Arg::Text(value.into()));
        format!("${}", self.0.len())
    }

    pub fn int(&mut self, value: i64) -> String {
        self.0.push(Arg::Int(value));
        format!("${}", self.0.len())
    }

    pub fn bind_to<'q, O>(
        &self,
        mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
        for arg in &self.0 {
            query = match arg {
                Arg::Text(t) => query.bind(t.clone()),
                Arg::Int(i) => query.bind(*i),
            };
        }
        query
    }

    pub fn bind_scalar<'q, O>(
        &self,
        mut query: sqlx::query::QueryScalar<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryScalar<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
        for arg in &self.0 {
            query = match arg {
                Arg::Text(t) => query.bind(t.clone()),
                Arg::Int(i) => query.bind(*i),
            };
        }
        query
    }
}

/// Escapes LIKE's wildcards in user input (the query says ESCAPE '\').
pub fn like_pattern(input: &str) -> String {
    let escaped = input
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
