//! One search over everything public (and, for those allowed, internal) in an
//! agreement or across agreements: organisations, meetings, minutes,
//! decisions, documents, news, measures, proposals and partnerships.

use axum::Router;

use crate::db;
use crate::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Organisation,
    Meeting,
    Minutes,
    Decision,
    Document,
    News,
    Measure,
    Proposal,
    Partnership,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Organisation,
        Kind::Meeting,
        Kind::Minutes,
        Kind::Decision,
        Kind::Document,
        Kind::News,
        Kind::Measure,
        Kind::Proposal,
        Kind::Partnership,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::Meeting => "meeting",
            Kind::Minutes => "minutes",
            Kind::Decision => "decision",
            Kind::Document => "document",
            Kind::News => "news",
            Kind::Measure => "measure",
            Kind::Proposal => "proposal",
            Kind::Partnership => "partnership",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Records that something searchable was created, changed or deleted. Call
/// it with the transaction that makes the change, so that the index hears of
/// exactly the changes that were kept.
pub async fn changed<'e, E>(executor: E, kind: Kind, object_id: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("INSERT INTO search_changes (kind, object_id, at) VALUES ($1, $2, $3)")
        .bind(kind.as_str())
        .bind(object_id)
        .bind(db::now())
        .execute(executor)
        .await?;
    Ok(())
}
