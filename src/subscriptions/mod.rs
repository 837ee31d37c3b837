//! E-mail subscriptions to an agreement's news, new meetings and newly
//! published minutes: double opt-in, sent at once or as a digest through the
//! outbox, with a one-click unsubscribe in every message.

pub mod deliver;
pub mod manage;
pub mod subscribe;

use std::time::Duration;

use axum::Router;
use axum::routing::get;

use crate::accounts::token;
use crate::db;
use crate::web::AppState;

pub use deliver::deliver_due;

pub const FREQUENCIES: [&str; 3] = ["immediate", "daily", "weekly"];
pub const TOPICS: [&str; 3] = ["news", "meetings", "minutes"];
/// How long a confirmation link works.
pub const CONFIRM_VALID: Duration = Duration::from_secs(7 * 24 * 3600);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/{slug}/subscribe",
            get(subscribe::form).post(subscribe::submit),
        )
        .route("/{slug}/subscribe/sent", get(subscribe::sent))
        .route(
            "/subscriptions/confirm/{token}",
            get(manage::confirm_page).post(manage::confirm),
        )
        .route(
            "/subscriptions/{token}",
            get(manage::manage_page).post(manage::update),
        )
        .route(
            "/subscriptions/{token}/unsubscribe",
            get(manage::unsubscribe_page).post(manage::unsubscribe),
        )
}

/// A subscription as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscription {
    pub id: i64,
    pub agreement_id: i64,
    pub email: String,
    pub language: String,
    pub news: i64,
    pub meetings: i64,
    pub minutes: i64,
    pub frequency: String,
    pub confirmed_at: Option<String>,
    pub last_digest_at: Option<String>,
}

pub const COLUMNS: &str =
    "s.id, s.agreement_id, s.email, s.language, s.news, s.meetings, s.minutes,
    s.frequency, s.confirmed_at, s.last_digest_at";

impl Subscription {
    pub fn wants(&self, topic: &str) -> bool {
        match topic {
            "news" => self.news == 1,
            "meetings" => self.meetings == 1,
            "minutes" => self.minutes == 1,
            _ => false,
        }
    }

    pub fn lang(&self) -> crate::web::i18n::Lang {
        crate::web::i18n::Lang::parse(&self.language).unwrap_or_default()
    }
}

/// A new link of this purpose for a subscription; returns the secret, of
/// which only the hash is kept.
pub async fn new_link<'e, E>(
    executor: E,
    subscription_id: i64,
    purpose: &str,
    expires_at: Option<&str>,
) -> Result<String, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let secret = token::random_token();
    sqlx::query(
        "INSERT INTO subscription_links (token_hash, subscription_id, purpose, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token::hash(&secret))
    .bind(subscription_id)
    .bind(purpose)
    .bind(db::now())
    .bind(expires_at)
    .execute(executor)
    .await?;
    Ok(secret)
}

/// The subscription a link of this purpose leads to, if the link is known
/// and has not expired.
pub async fn by_link(
    db: &db::Db,
    secret: &str,
    purpose: &str,
) -> Result<Option<Subscription>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM subscription_links l JOIN subscriptions s ON s.id = l.subscription_id
         WHERE l.token_hash = $1 AND l.purpose = $2 AND (l.expires_at IS NULL OR l.expires_at > $3)"
    );
    sqlx::query_as(&sql)
        .bind(token::hash(secret))
        .bind(purpose)
        .bind(db::now())
        .fetch_optional(&db.pool)
        .await
}

/// What a subscriber can ask to hear about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    News,
    Meetings,
    Minutes,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::News => "news",
            Topic::Meetings => "meetings",
            Topic::Minutes => "minutes",
        }
    }
}

/// Records that something subscribers hear about was published, due from
/// `visible_at` (a stored UTC timestamp; an article scheduled for later is
/// announced then). Recording it again moves the time. Call it with the
/// transaction that publishes.
pub async fn record<'e, E>(
    executor: E,
    agreement_id: i64,
    topic: Topic,
    object_id: i64,
    visible_at: &str,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO subscription_events (agreement_id, topic, object_id, visible_at, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (topic, object_id) DO UPDATE SET visible_at = excluded.visible_at",
    )
    .bind(agreement_id)
    .bind(topic.as_str())
    .bind(object_id)
    .bind(visible_at)
    .bind(db::now())
    .execute(executor)
    .await?;
    Ok(())
}

/// Withdraws an event that has not been sent to anyone yet (an article taken
/// back before its publication time).
pub async fn withdraw<'e, E>(executor: E, topic: Topic, object_id: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "DELETE FROM subscription_events WHERE topic = $1 AND object_id = $2
           AND NOT EXISTS (SELECT 1 FROM subscription_deliveries d WHERE d.event_id = subscription_events.id)",
    )
    .bind(topic.as_str())
    .bind(object_id)
    .execute(executor)
    .await?;
    Ok(())
}
