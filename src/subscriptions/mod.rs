//! E-mail subscriptions to an agreement's news, new meetings and newly
//! published minutes: double opt-in, sent at once or as a digest through the
//! outbox, with a one-click unsubscribe in every message.

use axum::Router;

use crate::db;
use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
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
