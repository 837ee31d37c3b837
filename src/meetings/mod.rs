//! Meetings of an agreement: a body's meetings (open or closed), open
//! dialogue meetings, conferences and webinars. Each has a time, a place or
//! a link, contact persons, an agenda and, when it takes them, registrations;
//! the calendar lists what is coming and the archive what has been.

pub mod demo;
pub mod edit;
pub mod ical;
pub mod model;
pub mod notice;
pub mod registration;
pub mod time;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use crate::agreements::{self, Agreement};
use crate::db::{self, Db};
use crate::web::layout::{Alternate, Page, render};
use crate::web::{AppResult, AppState, Ctx};
pub use model::Meeting;
use model::{AgendaItem, Attachment, COLUMNS, Contact, FROM, RegistrationState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/meetings", get(calendar))
        .route("/{slug}/meetings/archive", get(archive))
        .route("/{slug}/meetings/{id}", get(meeting_page))
        .merge(edit::routes())
        .merge(notice::routes())
        .merge(registration::routes())
        .merge(ical::routes())
}

/// A line of the calendar or the archive.
pub struct Entry {
    pub meeting: Meeting,
    pub when: String,
    pub kind: String,
    pub registration: RegistrationState,
    pub has_minutes: bool,
}

impl Entry {
    fn new(ctx: &Ctx, meeting: Meeting, now: &str, has_minutes: bool) -> Entry {
        Entry {
            when: meeting.when(ctx.lang),
            kind: ctx.t(&format!("meeting-kind-{}", meeting.kind)),
            registration: meeting.registration_state(now),
            has_minutes,
            meeting,
        }
    }

    pub fn registration_open(&self) -> bool {
        self.registration == RegistrationState::Open
    }
}

/// Every public meeting page of every agreement, and the calendars, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.slug, m.id FROM meetings m JOIN agreements a ON a.id = m.agreement_id
         ORDER BY a.slug, m.starts_at",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut paths: Vec<String> = rows
        .iter()
        .map(|(a, id)| format!("/{a}/meetings/{id}"))
        .collect();
    let mut agreements: Vec<&String> = rows.iter().map(|(a, _)| a).collect();
    agreements.dedup();
    for a in agreements {
        paths.push(format!("/{a}/meetings"));
        paths.push(format!("/{a}/meetings/archive"));
    }
    Ok(paths)
}

/// The next meetings of an agreement, for its start page.
pub async fn upcoming(db: &Db, agreement_id: i64, limit: i64) -> Result<Vec<Meeting>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE m.agreement_id = $1 AND m.ends_at >= $2
           AND m.cancelled_at IS NULL
         ORDER BY m.starts_at, m.id LIMIT $3"
    );
    sqlx::query_as(&sql)
        .bind(agreement_id)
        .bind(db::now())
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

/// Upcoming meetings of one body, for its page.
pub async fn upcoming_of_body(
    db: &Db,
    body_id: i64,
    limit: i64,
) -> Result<Vec<Meeting>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE m.body_id = $1 AND m.ends_at >= $2
         ORDER BY m.starts_at, m.id LIMIT $3"
    );
    sqlx::query_as(&sql)
        .bind(body_id)
        .bind(db::now())
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

async fn published_minutes(db: &Db, ids: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = db::Params::new();
    let list: Vec<String> = ids.iter().map(|id| p.int(*id)).collect();
    let sql = format!(
        "SELECT meeting_id FROM minutes WHERE state = 'published' AND meeting_id IN ({})",
        list.join(", ")
    );
    p.bind_scalar(sqlx::query_scalar(&sql))
        .fetch_all(&db.pool)
        .await
}

#[derive(Deserialize, Default)]
struct CalendarQuery {
    #[serde(default)]
    body: String,
    #[serde(default)]
    year: String,
}

#[derive(Template)]
#[template(path = "meetings/templates/calendar.html")]
struct CalendarView {
    page: Page,
    agreement: Agreement,
    entries: Vec<Entry>,
    bodies: Vec<(String, String)>,
    body: String,
    can_edit: bool,
    feed: String,
}

async fn body_choices(db: &Db, agreement_id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name FROM bodies WHERE agreement_id = $1 ORDER BY position, name")
        .bind(agreement_id)
        .fetch_all(&db.pool)
        .await
}

/// What is coming, soonest first, for the agreement or one of its bodies.
async fn calendar(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<CalendarQuery>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let bodies = body_choices(&state.db, agreement.id).await?;
    let body = bodies
        .iter()
        .find(|(s, _)| *s == q.body)
        .map(|(s, _)| s.clone())
        .unwrap_or_default();
    let now = db::now();
    let mut p = db::Params::new();
    let mut sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE m.agreement_id = {} AND m.ends_at >= {}",
        p.int(agreement.id),
        p.text(&now)
    );
    if !body.is_empty() {
        sql.push_str(&format!(" AND b.slug = {}", p.text(&body)));
    }
    sql.push_str(" ORDER BY m.starts_at, m.id LIMIT 200");
    let meetings: Vec<Meeting> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let entries = meetings
        .into_iter()
        .map(|m| Entry::new(&ctx, m, &now, false))
        .collect();
    let feed = if body.is_empty() {
        format!("/{}/meetings.ics", agreement.slug)
    } else {
        format!("/{}/bodies/{body}/meetings.ics", agreement.slug)
    };
    let mut page = Page::new(&ctx, "meetings-title").describe(ctx.t("meetings-description"));
    page.for_agreement(&ctx, &agreement);
    page.alternates.push(Alternate {
        mime: "text/calendar",
        title: ctx.t("meetings-feed"),
        href: feed.clone(),
    });
    Ok(render(&CalendarView {
        can_edit: ctx.edits(agreement.id),
        page,
        agreement,
        entries,
        bodies,
        body,
        feed,
    }))
}

#[derive(Template)]
#[template(path = "meetings/templates/archive.html")]
struct ArchiveView {
    page: Page,
    agreement: Agreement,
    entries: Vec<Entry>,
    years: Vec<i64>,
    year: i64,
}

/// Past meetings, one year at a time, newest first.
async fn archive(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<CalendarQuery>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let now = db::now();
    let starts: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT SUBSTR(starts_at, 1, 4) FROM meetings
         WHERE agreement_id = $1 AND ends_at < $2 ORDER BY 1 DESC",
    )
    .bind(agreement.id)
    .bind(&now)
    .fetch_all(&state.db.pool)
    .await?;
    let years: Vec<i64> = starts.iter().filter_map(|y| y.parse().ok()).collect();
    let year = q
        .year
        .parse::<i64>()
        .ok()
        .filter(|y| years.contains(y))
        .or_else(|| years.first().copied())
        .unwrap_or(0);
    // The year is taken from the UTC start: a meeting at midnight on New
    // Year's Eve is the only one that could land in the wrong year.
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE m.agreement_id = $1 AND m.ends_at < $2
           AND m.starts_at >= $3 AND m.starts_at < $4
         ORDER BY m.starts_at DESC, m.id DESC"
    );
    let meetings: Vec<Meeting> = sqlx::query_as(&sql)
        .bind(agreement.id)
        .bind(&now)
        .bind(format!("{year:04}"))
        .bind(format!("{:04}", year + 1))
        .fetch_all(&state.db.pool)
        .await?;
    let ids: Vec<i64> = meetings.iter().map(|m| m.id).collect();
    let with_minutes = published_minutes(&state.db, &ids).await?;
    let entries = meetings
        .into_iter()
        .map(|m| {
            let has = with_minutes.contains(&m.id);
            Entry::new(&ctx, m, &now, has)
        })
        .collect();
    let mut page = Page::new(&ctx, "meetings-archive-title");
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ArchiveView {
        page,
        agreement,
        entries,
        years,
        year,
    }))
}

pub struct AgendaLine {
    pub item: AgendaItem,
    pub documents: Vec<Attachment>,
}

#[derive(Template)]
#[template(path = "meetings/templates/meeting.html")]
struct MeetingView {
    page: Page,
    /// The library's documents of this meeting that the visitor may see.
    library: Vec<(String, String, String)>,
    agreement: Agreement,
    meeting: Meeting,
    when: String,
    kind: String,
    description_html: String,
    contacts: Vec<Contact>,
    agenda: Vec<AgendaLine>,
    attachments: Vec<Attachment>,
    /// The online link, when this visitor may see it.
    online_url: Option<String>,
    registration: RegistrationState,
    opens: Option<String>,
    closes: Option<String>,
    places: Vec<Places>,
    has_minutes: bool,
    can_edit: bool,
    past: bool,
    notice_sent: Option<String>,
    /// Proposals this meeting put to the agreement group: (id, title).
    proposals: Vec<(i64, String)>,
}

/// Places left in one participation mode.
pub struct Places {
    pub mode: &'static str,
    pub capacity: Option<i64>,
    pub confirmed: i64,
    pub waitlisted: i64,
}

impl Places {
    pub fn left(&self) -> Option<i64> {
        self.capacity.map(|c| (c - self.confirmed).max(0))
    }
}

impl MeetingView {
    fn mode_label(&self, mode: &str) -> String {
        self.page.t(format!("meeting-mode-{mode}"))
    }
    fn format_label(&self) -> String {
        self.page
            .t(format!("meeting-format-{}", self.meeting.format))
    }
    fn link_hidden(&self) -> String {
        self.page.t(format!(
            "meeting-link-hidden-{}",
            self.meeting.link_visibility
        ))
    }
    fn phone(&self, stored: &str) -> String {
        crate::bodies::phone::Phone::from_stored(stored).swedish()
    }
}

async fn meeting_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let now = db::now();
    let items = model::agenda(&state.db, meeting.id).await?;
    let all_attachments = model::attachments(&state.db, meeting.id).await?;
    let (item_docs, attachments): (Vec<Attachment>, Vec<Attachment>) = all_attachments
        .into_iter()
        .partition(|a| a.agenda_item_id.is_some());
    let agenda = items
        .into_iter()
        .map(|item| AgendaLine {
            documents: item_docs
                .iter()
                .filter(|d| d.agenda_item_id == Some(item.id))
                .cloned()
                .collect(),
            item,
        })
        .collect();
    let online_url = if meeting.online_url.is_empty() || meeting.format == "in_person" {
        None
    } else {
        let visible = match meeting.link_visibility.as_str() {
            "everyone" => true,
            // Registered participants get it in their mail and on their
            // registration page; members and organisers see it here.
            _ => model::is_member_for(&state.db, &ctx, &meeting).await?,
        };
        visible.then(|| meeting.online_url.clone())
    };
    let counts = registration::counts(&state.db, meeting.id).await?;
    let places = meeting
        .modes()
        .into_iter()
        .map(|mode| Places {
            mode,
            capacity: meeting.capacity(mode),
            confirmed: counts.confirmed(mode),
            waitlisted: counts.waitlisted(mode),
        })
        .collect();
    let has_minutes: Option<i64> =
        sqlx::query_scalar("SELECT id FROM minutes WHERE meeting_id = $1 AND state = 'published'")
            .bind(meeting.id)
            .fetch_optional(&state.db.pool)
            .await?;
    let description = if meeting.description.is_empty() {
        meeting.title.clone()
    } else {
        meeting.description.chars().take(200).collect()
    };
    let mut page = Page::titled(&ctx, meeting.title.clone()).describe(description);
    page.for_agreement(&ctx, &agreement);
    page.alternates.push(Alternate {
        mime: "text/calendar",
        title: ctx.t("meeting-add-to-calendar"),
        href: format!("{}/calendar.ics", meeting.path(&agreement.slug)),
    });
    Ok(render(&MeetingView {
        when: meeting.when(ctx.lang),
        kind: ctx.t(&format!("meeting-kind-{}", meeting.kind)),
        description_html: crate::web::markdown::to_html(&meeting.description),
        contacts: model::contacts(&state.db, meeting.id).await?,
        registration: meeting.registration_state(&now),
        opens: meeting
            .registration_opens_at
            .as_deref()
            .map(|t| time::moment(ctx.lang, t)),
        closes: Some(
            meeting
                .registration_closes_at
                .as_deref()
                .unwrap_or(&meeting.starts_at),
        )
        .map(|t| time::moment(ctx.lang, t)),
        notice_sent: meeting
            .notice_sent_at
            .as_deref()
            .map(|t| time::moment(ctx.lang, t)),
        past: meeting.is_past(&now),
        has_minutes: has_minutes.is_some(),
        proposals: crate::proposals::from_meeting(&state.db, meeting.id).await?,
        library: crate::documents::listed_for(&state.db, &ctx, &agreement, Some(meeting.id), None)
            .await?,
        can_edit: ctx.edits(agreement.id),
        agenda,
        attachments,
        online_url,
        places,
        page,
        agreement,
        meeting,
    }))
}

/// The agreement's meetings for a form's choice, newest first: (id, "date title").
pub async fn choices(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, starts_at, title FROM meetings WHERE agreement_id = $1
         ORDER BY starts_at DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, at, title)| {
            let day = time::local(&at)
                .map(|z| z.date().to_string())
                .unwrap_or_default();
            (id, format!("{day} {title}"))
        })
        .collect())
}
