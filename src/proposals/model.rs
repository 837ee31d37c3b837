//! Proposals as stored: the row with its area, organisation and meeting
//! names, and the lists that go with one proposal.

use crate::db::Db;
use crate::web::i18n::Lang;
use crate::web::{AppError, AppResult};

pub const STATES: [&str; 4] = ["received", "considering", "adopted", "declined"];

pub const COLUMNS: &str = "p.id, p.agreement_id, p.title, p.text, p.area_id, p.principle,
    p.organisation_id, p.meeting_id, p.submitted_by, p.state, p.state_reason, p.measure_id,
    p.hidden_at, p.hidden_reason, p.support_count, p.created_at,
    ar.name AS area_name, o.name AS organisation_name, o.slug AS organisation_slug,
    mt.title AS meeting_title";

pub const FROM: &str = "FROM proposals p
    LEFT JOIN agreement_areas ar ON ar.id = p.area_id
    LEFT JOIN organisations o ON o.id = p.organisation_id
    LEFT JOIN meetings mt ON mt.id = p.meeting_id";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Proposal {
    pub id: i64,
    pub agreement_id: i64,
    pub title: String,
    pub text: String,
    pub area_id: Option<i64>,
    pub principle: String,
    pub organisation_id: Option<i64>,
    pub meeting_id: Option<i64>,
    pub submitted_by: Option<i64>,
    pub state: String,
    pub state_reason: String,
    pub measure_id: Option<i64>,
    pub hidden_at: Option<String>,
    pub hidden_reason: String,
    pub support_count: i64,
    pub created_at: String,
    pub area_name: Option<String>,
    pub organisation_name: Option<String>,
    pub organisation_slug: Option<String>,
    pub meeting_title: Option<String>,
}

impl Proposal {
    /// One proposal of this agreement; another agreement's is not found.
    pub async fn find(db: &Db, agreement_id: i64, id: i64) -> AppResult<Proposal> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE p.id = $1 AND p.agreement_id = $2");
        sqlx::query_as(&sql)
            .bind(id)
            .bind(agreement_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub fn path(&self, slug: &str) -> String {
        format!("/{slug}/proposals/{}", self.id)
    }

    pub fn is_hidden(&self) -> bool {
        self.hidden_at.is_some()
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Comment {
    pub id: i64,
    pub author_name: String,
    pub organisation_name: Option<String>,
    pub text: String,
    pub hidden_at: Option<String>,
    pub hidden_reason: String,
    pub created_at: String,
}

pub async fn comments(db: &Db, proposal_id: i64) -> Result<Vec<Comment>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.author_name, o.name AS organisation_name, c.text, c.hidden_at,
                c.hidden_reason, c.created_at
         FROM proposal_comments c LEFT JOIN organisations o ON o.id = c.organisation_id
         WHERE c.proposal_id = $1 ORDER BY c.created_at, c.id",
    )
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await
}

/// The organisations that support a proposal: (id, slug, name).
pub async fn supporters(
    db: &Db,
    proposal_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.slug, o.name FROM proposal_supports s
         JOIN organisations o ON o.id = s.organisation_id
         WHERE s.proposal_id = $1 ORDER BY o.name_key",
    )
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await
}

/// The proposal's dated changes of state: (state, reason, at).
pub async fn events(
    db: &Db,
    proposal_id: i64,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT state, reason, at FROM proposal_events WHERE proposal_id = $1 ORDER BY at, id",
    )
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await
}

/// The organisations this person represents that currently sign the agreement: (id, name).
pub async fn represented(
    db: &Db,
    agreement_id: i64,
    user_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.name FROM organisation_representatives r
         JOIN organisations o ON o.id = r.organisation_id
         WHERE r.user_id = $1 AND EXISTS (
             SELECT 1 FROM signatories s WHERE s.organisation_id = o.id
               AND s.agreement_id = $2 AND s.left_on IS NULL)
         ORDER BY o.name_key",
    )
    .bind(user_id)
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

/// Every current signatory of the agreement: (id, name).
pub async fn signatories(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.name FROM organisations o
         WHERE EXISTS (SELECT 1 FROM signatories s WHERE s.organisation_id = o.id
               AND s.agreement_id = $1 AND s.left_on IS NULL)
         ORDER BY o.name_key",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

/// The agreement's dialogue meetings and conferences, newest first: (id, title, starts_at).
pub async fn dialogue_meetings(
    db: &Db,
    agreement_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, title, starts_at FROM meetings
         WHERE agreement_id = $1 AND kind IN ('dialogue', 'conference') AND cancelled_at IS NULL
         ORDER BY starts_at DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

/// The agreement's areas of collaboration: (id, name).
pub async fn areas(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name FROM agreement_areas WHERE agreement_id = $1 ORDER BY position, id",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

/// The measures of the agreement's plans, for adopting a proposal: (id, label).
pub async fn measures(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT m.id, m.title, ap.title FROM measures m
         JOIN action_plans ap ON ap.id = m.plan_id
         WHERE ap.agreement_id = $1 ORDER BY ap.first_year DESC, m.position, m.id",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, plan)| (id, format!("{title} ({plan})")))
        .collect())
}

/// A stored UTC instant as a long date in Sweden: "3 mars 2026".
pub fn long_day(lang: Lang, stored: &str) -> String {
    match stored.parse::<jiff::Timestamp>() {
        Ok(t) => {
            let date = t.to_zoned(crate::meetings::time::stockholm()).date();
            crate::agreements::long_date(lang, &date.to_string())
        }
        Err(_) => crate::agreements::long_date(lang, stored.get(..10).unwrap_or(stored)),
    }
}
