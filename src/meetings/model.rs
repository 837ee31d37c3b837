//! A meeting as stored, and the queries the meeting pages, registration,
//! minutes and feeds share.

use crate::db::Db;
use crate::web::i18n::Lang;
use crate::web::{AppError, AppResult, Ctx};

pub const KINDS: [&str; 4] = ["body_meeting", "dialogue", "conference", "webinar"];
pub const FORMATS: [&str; 3] = ["in_person", "online", "hybrid"];
pub const LINK_VISIBILITY: [&str; 3] = ["everyone", "registered", "members"];
pub const MODES: [&str; 2] = ["in_person", "online"];

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Meeting {
    pub id: i64,
    pub agreement_id: i64,
    pub body_id: Option<i64>,
    /// The body's name and slug, when it is a body's meeting.
    pub body_name: Option<String>,
    pub body_slug: Option<String>,
    pub kind: String,
    pub is_open: i64,
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub venue_name: String,
    pub venue_address: String,
    pub venue_accessibility: String,
    pub format: String,
    pub online_url: String,
    pub link_visibility: String,
    pub organisers: String,
    pub registration_opens_at: Option<String>,
    pub registration_closes_at: Option<String>,
    pub capacity_in_person: Option<i64>,
    pub capacity_online: Option<i64>,
    pub per_organisation_limit: Option<i64>,
    pub waitlist: i64,
    pub ical_sequence: i64,
    pub cancelled_at: Option<String>,
    pub notice_sent_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

pub const COLUMNS: &str =
    "m.id, m.agreement_id, m.body_id, b.name AS body_name, b.slug AS body_slug,
    m.kind, m.is_open, m.title, m.description, m.starts_at, m.ends_at, m.venue_name,
    m.venue_address, m.venue_accessibility, m.format, m.online_url, m.link_visibility,
    m.organisers, m.registration_opens_at, m.registration_closes_at, m.capacity_in_person,
    m.capacity_online, m.per_organisation_limit, m.waitlist, m.ical_sequence, m.cancelled_at,
    m.notice_sent_at, m.created_at, m.updated_at";

pub const FROM: &str = "FROM meetings m LEFT JOIN bodies b ON b.id = m.body_id";

/// Registration state at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationState {
    /// The meeting takes no registrations.
    None,
    NotYetOpen,
    Open,
    Closed,
}

impl Meeting {
    /// One meeting of one agreement: an id of another agreement's meeting is not found.
    pub async fn find(db: &Db, agreement_id: i64, id: i64) -> AppResult<Meeting> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE m.id = $1 AND m.agreement_id = $2");
        sqlx::query_as(&sql)
            .bind(id)
            .bind(agreement_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub fn path(&self, agreement_slug: &str) -> String {
        format!("/{agreement_slug}/meetings/{}", self.id)
    }

    /// "onsdag 9 december 2026, kl. 13.00–17.00".
    pub fn when(&self, lang: Lang) -> String {
        super::time::span(lang, &self.starts_at, &self.ends_at)
    }

    pub fn is_past(&self, now: &str) -> bool {
        self.ends_at.as_str() < now
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }

    pub fn registration_state(&self, now: &str) -> RegistrationState {
        let Some(opens) = &self.registration_opens_at else {
            return RegistrationState::None;
        };
        if self.is_cancelled() {
            return RegistrationState::Closed;
        }
        let closes = self
            .registration_closes_at
            .as_deref()
            .unwrap_or(&self.starts_at);
        if now < opens.as_str() {
            RegistrationState::NotYetOpen
        } else if now >= closes {
            RegistrationState::Closed
        } else {
            RegistrationState::Open
        }
    }

    /// The participation modes offered: a capacity of 0 means not offered,
    /// and the format decides the rest.
    pub fn modes(&self) -> Vec<&'static str> {
        MODES
            .into_iter()
            .filter(|mode| match *mode {
                "in_person" => self.format != "online" && self.capacity_in_person != Some(0),
                _ => self.format != "in_person" && self.capacity_online != Some(0),
            })
            .collect()
    }

    pub fn capacity(&self, mode: &str) -> Option<i64> {
        match mode {
            "in_person" => self.capacity_in_person,
            _ => self.capacity_online,
        }
    }
}

/// Whether the visitor counts as a member for this meeting: a member of its
/// body (or, for the agreement's own meetings, of any body), or an editor.
pub async fn is_member_for(db: &Db, ctx: &Ctx, meeting: &Meeting) -> AppResult<bool> {
    let insider = crate::bodies::Insider::of(db, ctx, meeting.agreement_id).await?;
    Ok(insider.sees(meeting.body_id))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AgendaItem {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub presenter: String,
    pub starts_time: String,
    pub description: String,
}

pub async fn agenda(db: &Db, meeting_id: i64) -> Result<Vec<AgendaItem>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, position, title, presenter, starts_time, description FROM agenda_items
         WHERE meeting_id = $1 ORDER BY position, id",
    )
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

pub async fn contacts(db: &Db, meeting_id: i64) -> Result<Vec<Contact>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, role, email, phone FROM meeting_contacts
         WHERE meeting_id = $1 ORDER BY position, id",
    )
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub agenda_item_id: Option<i64>,
    pub title: String,
    pub url: String,
}

pub async fn attachments(db: &Db, meeting_id: i64) -> Result<Vec<Attachment>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, agenda_item_id, title, url FROM meeting_attachments
         WHERE meeting_id = $1 ORDER BY position, id",
    )
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await
}
