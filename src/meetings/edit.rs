//! Editors announce, change and cancel meetings, and keep the agenda.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::model::{self, FORMATS, KINDS, LINK_VISIBILITY, Meeting};
use super::time;
use crate::accounts::email::Email;
use crate::agreements::{self, Agreement};
use crate::bodies::phone::Phone;
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfPairs, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/meetings/new", get(new_form).post(create))
        .route("/{slug}/meetings/{id}/edit", get(edit_form).post(update))
        .route("/{slug}/meetings/{id}/cancel", post(cancel))
        .route(
            "/{slug}/meetings/{id}/agenda",
            get(agenda_form).post(save_agenda),
        )
}

/// Room for this many contacts, attachments and agenda items per save; an
/// editor who needs more saves and gets fresh empty rows.
const CONTACT_ROWS: usize = 4;
const ATTACHMENT_ROWS: usize = 4;
const BLANK_AGENDA_ROWS: usize = 3;

/// Row fields get static names so that errors can point at them.
const CONTACT_NAME: [&str; CONTACT_ROWS] = [
    "contact_name_0",
    "contact_name_1",
    "contact_name_2",
    "contact_name_3",
];
const CONTACT_EMAIL: [&str; CONTACT_ROWS] = [
    "contact_email_0",
    "contact_email_1",
    "contact_email_2",
    "contact_email_3",
];
const CONTACT_PHONE: [&str; CONTACT_ROWS] = [
    "contact_phone_0",
    "contact_phone_1",
    "contact_phone_2",
    "contact_phone_3",
];
const ATTACHMENT_TITLE: [&str; ATTACHMENT_ROWS] = [
    "attachment_title_0",
    "attachment_title_1",
    "attachment_title_2",
    "attachment_title_3",
];
const ATTACHMENT_URL: [&str; ATTACHMENT_ROWS] = [
    "attachment_url_0",
    "attachment_url_1",
    "attachment_url_2",
    "attachment_url_3",
];

#[derive(Default, Clone)]
pub struct ContactRow {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

#[derive(Default, Clone)]
pub struct AttachmentRow {
    pub title: String,
    pub url: String,
}

/// The meeting form as typed.
#[derive(Default, Clone)]
pub struct MeetingInput {
    pub kind: String,
    pub body: String,
    pub closed: String,
    pub title: String,
    pub description: String,
    pub date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    pub venue_name: String,
    pub venue_address: String,
    pub venue_accessibility: String,
    pub format: String,
    pub online_url: String,
    pub link_visibility: String,
    pub organisers: String,
    pub registration: String,
    pub opens_date: String,
    pub closes_date: String,
    pub closes_time: String,
    pub capacity_in_person: String,
    pub capacity_online: String,
    pub per_organisation_limit: String,
    pub waitlist: String,
    pub contacts: Vec<ContactRow>,
    pub attachments: Vec<AttachmentRow>,
}

impl MeetingInput {
    fn from_pairs(form: &CsrfPairs) -> MeetingInput {
        let rows = |name: &str, n: usize| {
            let mut v = form.all(name);
            v.resize(n, String::new());
            v
        };
        let (names, roles, emails, phones) = (
            rows("contact_name", CONTACT_ROWS),
            rows("contact_role", CONTACT_ROWS),
            rows("contact_email", CONTACT_ROWS),
            rows("contact_phone", CONTACT_ROWS),
        );
        let (titles, urls) = (
            rows("attachment_title", ATTACHMENT_ROWS),
            rows("attachment_url", ATTACHMENT_ROWS),
        );
        MeetingInput {
            kind: form.get("kind"),
            body: form.get("body"),
            closed: form.get("closed"),
            title: form.get("title"),
            description: form.get("description"),
            date: form.get("date"),
            start_time: form.get("start_time"),
            end_date: form.get("end_date"),
            end_time: form.get("end_time"),
            venue_name: form.get("venue_name"),
            venue_address: form.get("venue_address"),
            venue_accessibility: form.get("venue_accessibility"),
            format: form.get("format"),
            online_url: form.get("online_url"),
            link_visibility: form.get("link_visibility"),
            organisers: form.get("organisers"),
            registration: form.get("registration"),
            opens_date: form.get("opens_date"),
            closes_date: form.get("closes_date"),
            closes_time: form.get("closes_time"),
            capacity_in_person: form.get("capacity_in_person"),
            capacity_online: form.get("capacity_online"),
            per_organisation_limit: form.get("per_organisation_limit"),
            waitlist: form.get("waitlist"),
            contacts: (0..CONTACT_ROWS)
                .map(|i| ContactRow {
                    name: names[i].clone(),
                    role: roles[i].clone(),
                    email: emails[i].clone(),
                    phone: phones[i].clone(),
                })
                .collect(),
            attachments: (0..ATTACHMENT_ROWS)
                .map(|i| AttachmentRow {
                    title: titles[i].clone(),
                    url: urls[i].clone(),
                })
                .collect(),
        }
    }

    fn blank() -> MeetingInput {
        MeetingInput {
            kind: "dialogue".into(),
            format: "in_person".into(),
            link_visibility: "everyone".into(),
            start_time: "13:00".into(),
            end_time: "16:00".into(),
            waitlist: "yes".into(),
            contacts: vec![ContactRow::default(); CONTACT_ROWS],
            attachments: vec![AttachmentRow::default(); ATTACHMENT_ROWS],
            ..MeetingInput::default()
        }
    }

    async fn of(db: &Db, meeting: &Meeting) -> Result<MeetingInput, sqlx::Error> {
        let start = time::local(&meeting.starts_at);
        let end = time::local(&meeting.ends_at);
        let closes = meeting
            .registration_closes_at
            .as_deref()
            .and_then(time::local);
        let count = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        let mut contacts: Vec<ContactRow> = model::contacts(db, meeting.id)
            .await?
            .into_iter()
            .map(|c| ContactRow {
                name: c.name,
                role: c.role,
                email: c.email,
                phone: if c.phone.is_empty() {
                    String::new()
                } else {
                    Phone::from_stored(&c.phone).swedish()
                },
            })
            .collect();
        contacts.resize(CONTACT_ROWS.max(contacts.len()), ContactRow::default());
        contacts.truncate(CONTACT_ROWS);
        let mut attachments: Vec<AttachmentRow> = model::attachments(db, meeting.id)
            .await?
            .into_iter()
            .filter(|a| a.agenda_item_id.is_none())
            .map(|a| AttachmentRow {
                title: a.title,
                url: a.url,
            })
            .collect();
        attachments.resize(ATTACHMENT_ROWS, AttachmentRow::default());
        attachments.truncate(ATTACHMENT_ROWS);
        Ok(MeetingInput {
            kind: meeting.kind.clone(),
            body: meeting.body_slug.clone().unwrap_or_default(),
            closed: if meeting.is_open == 0 { "yes" } else { "" }.into(),
            title: meeting.title.clone(),
            description: meeting.description.clone(),
            date: start
                .as_ref()
                .map(|z| z.date().to_string())
                .unwrap_or_default(),
            start_time: start.as_ref().map(time::input_time).unwrap_or_default(),
            end_date: end
                .as_ref()
                .map(|z| z.date().to_string())
                .unwrap_or_default(),
            end_time: end.as_ref().map(time::input_time).unwrap_or_default(),
            venue_name: meeting.venue_name.clone(),
            venue_address: meeting.venue_address.clone(),
            venue_accessibility: meeting.venue_accessibility.clone(),
            format: meeting.format.clone(),
            online_url: meeting.online_url.clone(),
            link_visibility: meeting.link_visibility.clone(),
            organisers: meeting.organisers.clone(),
            registration: if meeting.registration_opens_at.is_some() {
                "yes"
            } else {
                ""
            }
            .into(),
            opens_date: meeting
                .registration_opens_at
                .as_deref()
                .and_then(time::local)
                .map(|z| z.date().to_string())
                .unwrap_or_default(),
            closes_date: closes
                .as_ref()
                .map(|z| z.date().to_string())
                .unwrap_or_default(),
            closes_time: closes.as_ref().map(time::input_time).unwrap_or_default(),
            capacity_in_person: count(meeting.capacity_in_person),
            capacity_online: count(meeting.capacity_online),
            per_organisation_limit: count(meeting.per_organisation_limit),
            waitlist: if meeting.waitlist != 0 { "yes" } else { "" }.into(),
            contacts,
            attachments,
        })
    }
}

/// A meeting as it will be stored, once the input is valid.
struct Valid {
    body_id: Option<i64>,
    is_open: i64,
    starts_at: String,
    ends_at: String,
    opens_at: Option<String>,
    closes_at: Option<String>,
    capacity_in_person: Option<i64>,
    capacity_online: Option<i64>,
    per_organisation_limit: Option<i64>,
    contacts: Vec<(ContactRow, String)>,
    attachments: Vec<AttachmentRow>,
}

fn count_field(text: &str) -> Result<Option<i64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .ok()
        .filter(|n| (0..=100_000).contains(n))
        .map(Some)
        .ok_or(())
}

/// Links may point at a page of this site or at the web, nothing else.
fn is_link(url: &str) -> bool {
    (url.starts_with('/') && !url.starts_with("//"))
        || url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

fn validate(
    input: &MeetingInput,
    bodies: &[(i64, String, String)],
    errors: &mut Errors,
) -> Option<Valid> {
    if input.title.trim().is_empty() {
        errors.add("title", "error-required");
    }
    if !KINDS.contains(&input.kind.as_str()) {
        errors.add("kind", "error-choose-one");
    }
    let body_id = match input.body.as_str() {
        "" => {
            if input.kind == "body_meeting" {
                errors.add("body", "meeting-error-body-required");
            }
            None
        }
        slug => match bodies.iter().find(|(_, s, _)| s == slug) {
            Some((id, _, _)) => Some(*id),
            None => {
                errors.add("body", "error-choose-one");
                None
            }
        },
    };
    let date = time::parse_date(&input.date);
    if date.is_none() {
        errors.add("date", "error-date");
    }
    let start = time::parse_time(&input.start_time);
    if start.is_none() {
        errors.add("start_time", "meeting-error-time");
    }
    let end_date = if input.end_date.trim().is_empty() {
        date
    } else {
        let d = time::parse_date(&input.end_date);
        if d.is_none() {
            errors.add("end_date", "error-date");
        }
        d
    };
    let end = time::parse_time(&input.end_time);
    if end.is_none() {
        errors.add("end_time", "meeting-error-time");
    }
    let starts_at = date.zip(start).and_then(|(d, t)| time::to_stored(d, t));
    let ends_at = end_date.zip(end).and_then(|(d, t)| time::to_stored(d, t));
    if let (Some(s), Some(e)) = (&starts_at, &ends_at)
        && e <= s
    {
        errors.add("end_time", "meeting-error-end-before-start");
    }
    if !FORMATS.contains(&input.format.as_str()) {
        errors.add("format", "error-choose-one");
    }
    let url = input.online_url.trim();
    if !url.is_empty() && !is_link(url) {
        errors.add("online_url", "meeting-error-url");
    }
    if !LINK_VISIBILITY.contains(&input.link_visibility.as_str()) {
        errors.add("link_visibility", "error-choose-one");
    }
    let mut opens_at = None;
    let mut closes_at = None;
    let capacity_in_person = count_field(&input.capacity_in_person).unwrap_or_else(|()| {
        errors.add("capacity_in_person", "meeting-error-count");
        None
    });
    let capacity_online = count_field(&input.capacity_online).unwrap_or_else(|()| {
        errors.add("capacity_online", "meeting-error-count");
        None
    });
    let per_organisation_limit = match count_field(&input.per_organisation_limit) {
        Ok(Some(0)) | Err(()) => {
            errors.add("per_organisation_limit", "meeting-error-limit");
            None
        }
        Ok(n) => n,
    };
    if input.registration == "yes" {
        let opens = if input.opens_date.trim().is_empty() {
            Some(jiff::Zoned::now().with_time_zone(time::stockholm()).date())
        } else {
            time::parse_date(&input.opens_date)
        };
        match opens {
            Some(d) => opens_at = time::to_stored(d, jiff::civil::Time::midnight()),
            None => errors.add("opens_date", "error-date"),
        }
        if !input.closes_date.trim().is_empty() {
            let d = time::parse_date(&input.closes_date);
            let t = if input.closes_time.trim().is_empty() {
                Some(jiff::civil::Time::constant(23, 59, 0, 0))
            } else {
                time::parse_time(&input.closes_time)
            };
            match (d, t) {
                (Some(d), Some(t)) => closes_at = time::to_stored(d, t),
                (None, _) => errors.add("closes_date", "error-date"),
                (_, None) => errors.add("closes_time", "meeting-error-time"),
            }
        }
        if let (Some(o), Some(c)) = (&opens_at, &closes_at)
            && c <= o
        {
            errors.add("closes_date", "meeting-error-closes-before-opens");
        }
    }
    let mut contacts = Vec::new();
    for (i, row) in input.contacts.iter().enumerate() {
        let filled = [&row.name, &row.role, &row.email, &row.phone]
            .iter()
            .any(|s| !s.trim().is_empty());
        if !filled {
            continue;
        }
        if row.name.trim().is_empty() {
            errors.add(CONTACT_NAME[i], "meeting-error-contact-name");
        }
        if !row.email.trim().is_empty()
            && let Err(key) = Email::parse(&row.email)
        {
            errors.add(CONTACT_EMAIL[i], key);
        }
        let phone = if row.phone.trim().is_empty() {
            String::new()
        } else {
            match Phone::parse(&row.phone) {
                Ok(p) => p.e164().to_string(),
                Err(key) => {
                    errors.add(CONTACT_PHONE[i], key);
                    String::new()
                }
            }
        };
        contacts.push((row.clone(), phone));
    }
    let mut attachments = Vec::new();
    for (i, row) in input.attachments.iter().enumerate() {
        let (title, url) = (row.title.trim(), row.url.trim());
        if title.is_empty() && url.is_empty() {
            continue;
        }
        if title.is_empty() {
            errors.add(ATTACHMENT_TITLE[i], "meeting-error-attachment-title");
        }
        if !is_link(url) {
            errors.add(ATTACHMENT_URL[i], "meeting-error-url");
        }
        attachments.push(row.clone());
    }
    if !errors.is_empty() {
        return None;
    }
    Some(Valid {
        body_id,
        // Only a body's meeting can be closed.
        is_open: i64::from(!(input.kind == "body_meeting" && input.closed == "yes")),
        starts_at: starts_at?,
        ends_at: ends_at?,
        opens_at,
        closes_at,
        capacity_in_person,
        capacity_online,
        per_organisation_limit,
        contacts,
        attachments,
    })
}

#[derive(Template)]
#[template(path = "meetings/templates/edit.html")]
struct EditView {
    page: Page,
    agreement: Agreement,
    /// None for a new meeting.
    meeting_id: Option<i64>,
    values: MeetingInput,
    errors: Errors,
    bodies: Vec<(i64, String, String)>,
}

impl EditView {
    fn action(&self) -> String {
        match self.meeting_id {
            Some(id) => format!("/{}/meetings/{id}/edit", self.agreement.slug),
            None => format!("/{}/meetings/new", self.agreement.slug),
        }
    }
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
    fn contact_fields(
        &self,
        c: &ContactRow,
    ) -> Vec<(&'static str, &'static str, String, &'static str)> {
        vec![
            ("contact_name", "field-name", c.name.clone(), "text"),
            (
                "contact_role",
                "meeting-contact-role",
                c.role.clone(),
                "text",
            ),
            ("contact_email", "field-email", c.email.clone(), "email"),
            ("contact_phone", "field-phone", c.phone.clone(), "tel"),
        ]
    }
    fn attachment_fields(
        &self,
        a: &AttachmentRow,
    ) -> Vec<(&'static str, &'static str, String, &'static str)> {
        vec![
            (
                "attachment_title",
                "meeting-attachment-title",
                a.title.clone(),
                "text",
            ),
            (
                "attachment_url",
                "meeting-attachment-url",
                a.url.clone(),
                "url",
            ),
        ]
    }
    fn row_field(&self, name: &str, i: usize) -> String {
        format!("{name}_{i}")
    }
    fn row_error(&self, name: &str, i: usize) -> Option<String> {
        self.errors
            .get(&format!("{name}_{i}"))
            .map(|key| self.page.t(key))
    }
}

async fn bodies_of(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, slug, name FROM bodies WHERE agreement_id = $1 ORDER BY position, name",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

async fn form_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    meeting_id: Option<i64>,
    values: MeetingInput,
    errors: Errors,
) -> AppResult<Response> {
    let key = if meeting_id.is_some() {
        "meeting-edit"
    } else {
        "meeting-new"
    };
    let mut page = Page::new(ctx, key).with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    Ok((
        status,
        render(&EditView {
            bodies: bodies_of(&state.db, agreement.id).await?,
            page,
            agreement,
            meeting_id,
            values,
            errors,
        }),
    )
        .into_response())
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    form_view(
        &state,
        &ctx,
        agreement,
        None,
        MeetingInput::blank(),
        Errors::new(),
    )
    .await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let values = MeetingInput::of(&state.db, &meeting).await?;
    form_view(&state, &ctx, agreement, Some(id), values, Errors::new()).await
}

/// Writes every field of the form to the meeting.
async fn write(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    input: &MeetingInput,
    valid: &Valid,
    changes_calendars: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE meetings SET body_id = $1, kind = $2, is_open = $3, title = $4, description = $5,
            starts_at = $6, ends_at = $7, venue_name = $8, venue_address = $9,
            venue_accessibility = $10, format = $11, online_url = $12, link_visibility = $13,
            organisers = $14, registration_opens_at = $15, registration_closes_at = $16,
            capacity_in_person = $17, capacity_online = $18, per_organisation_limit = $19,
            waitlist = $20, ical_sequence = ical_sequence + $21, updated_at = $22
         WHERE id = $23",
    )
    .bind(valid.body_id)
    .bind(&input.kind)
    .bind(valid.is_open)
    .bind(input.title.trim())
    .bind(input.description.trim())
    .bind(&valid.starts_at)
    .bind(&valid.ends_at)
    .bind(input.venue_name.trim())
    .bind(input.venue_address.trim())
    .bind(input.venue_accessibility.trim())
    .bind(&input.format)
    .bind(input.online_url.trim())
    .bind(&input.link_visibility)
    .bind(input.organisers.trim())
    .bind(&valid.opens_at)
    .bind(&valid.closes_at)
    .bind(valid.capacity_in_person)
    .bind(valid.capacity_online)
    .bind(valid.per_organisation_limit)
    .bind(i64::from(input.waitlist == "yes"))
    .bind(i64::from(changes_calendars))
    .bind(db::now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Replaces the contacts and the meeting's own attachments (not the agenda's).
async fn save_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    meeting_id: i64,
    valid: &Valid,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM meeting_contacts WHERE meeting_id = $1")
        .bind(meeting_id)
        .execute(&mut **tx)
        .await?;
    for (i, (c, phone)) in valid.contacts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO meeting_contacts (meeting_id, name, role, email, phone, position)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(meeting_id)
        .bind(c.name.trim())
        .bind(c.role.trim())
        .bind(c.email.trim())
        .bind(phone)
        .bind(i as i64)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("DELETE FROM meeting_attachments WHERE meeting_id = $1 AND agenda_item_id IS NULL")
        .bind(meeting_id)
        .execute(&mut **tx)
        .await?;
    for (i, a) in valid.attachments.iter().enumerate() {
        sqlx::query(
            "INSERT INTO meeting_attachments (meeting_id, title, url, position) VALUES ($1, $2, $3, $4)",
        )
        .bind(meeting_id)
        .bind(a.title.trim())
        .bind(a.url.trim())
        .bind(i as i64)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let input = MeetingInput::from_pairs(&form);
    let bodies = bodies_of(&state.db, agreement.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate(&input, &bodies, &mut errors) else {
        return form_view(&state, &ctx, agreement, None, input, errors).await;
    };
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meetings (agreement_id, kind, title, starts_at, ends_at, format, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(agreement.id)
    .bind(&input.kind)
    .bind(input.title.trim())
    .bind(&valid.starts_at)
    .bind(&valid.ends_at)
    .bind(&input.format)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    write(&mut tx, id, &input, &valid, false).await?;
    save_rows(&mut tx, id, &valid).await?;
    let user = ctx.user.as_ref().map(|u| u.id);
    db::audit(
        &mut *tx,
        agreement.id,
        user,
        "meeting.create",
        format!("{id}: {}", input.title.trim()),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Meeting, id).await?;
    crate::subscriptions::record(
        &mut *tx,
        agreement.id,
        crate::subscriptions::Topic::Meetings,
        id,
        &now,
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/meetings/{id}", agreement.slug),
    ))
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let input = MeetingInput::from_pairs(&form);
    let bodies = bodies_of(&state.db, agreement.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate(&input, &bodies, &mut errors) else {
        return form_view(&state, &ctx, agreement, Some(id), input, errors).await;
    };
    let mut tx = state.db.pool.begin().await?;
    // SEQUENCE tells calendars that already hold the event to update it.
    write(&mut tx, meeting.id, &input, &valid, true).await?;
    save_rows(&mut tx, meeting.id, &valid).await?;
    let user = ctx.user.as_ref().map(|u| u.id);
    db::audit(
        &mut *tx,
        agreement.id,
        user,
        "meeting.edit",
        format!("{id}: {}", input.title.trim()),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Meeting, meeting.id).await?;
    tx.commit().await?;
    // A raised capacity gives the new places to the waitlist, in order.
    if super::registration::fill_free_seats(&state, &agreement, meeting.id).await? > 0 {
        state.mail_queued.notify_one();
    }
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &meeting.path(&agreement.slug),
    ))
}

/// Cancels a meeting and tells everyone registered for it.
async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    _form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    if meeting.is_cancelled() {
        return Ok(Redirect::to(&meeting.path(&agreement.slug)).into_response());
    }
    let mut tx = state.db.pool.begin().await?;
    let now = db::now();
    sqlx::query(
        "UPDATE meetings SET cancelled_at = $1, ical_sequence = ical_sequence + 1,
            registration_seq = registration_seq + 1, updated_at = $1 WHERE id = $2",
    )
    .bind(&now)
    .bind(meeting.id)
    .execute(&mut *tx)
    .await?;
    // Everyone registered or waiting is told, each in the language they registered in.
    let recipients: Vec<(String, String)> = sqlx::query_as(
        "SELECT email, language FROM registrations WHERE meeting_id = $1 AND status <> 'cancelled' ORDER BY id",
    )
    .bind(meeting.id)
    .fetch_all(&mut *tx)
    .await?;
    for (to, language) in &recipients {
        let lang = Lang::parse(language).unwrap_or(ctx.lang);
        let subject = format!("{}: {}", lang.t("meeting-cancelled"), meeting.title);
        let body = lang.t_with(
            "meeting-cancelled-mail",
            &[
                ("title", meeting.title.clone()),
                ("when", meeting.when(lang)),
                ("url", state.config.absolute(&meeting.path(&agreement.slug))),
            ],
        );
        crate::mail::enqueue(&mut *tx, to, &subject, &body).await?;
    }
    let user = ctx.user.as_ref().map(|u| u.id);
    db::audit(
        &mut *tx,
        agreement.id,
        user,
        "meeting.cancel",
        format!("{id}: {}", meeting.title),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Meeting, meeting.id).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "meeting-cancelled-flash",
        &meeting.path(&agreement.slug),
    ))
}

// ---------------------------------------------------------------- agenda

#[derive(Default, Clone)]
pub struct AgendaRow {
    pub time: String,
    pub title: String,
    pub presenter: String,
    pub description: String,
    pub document_title: String,
    pub document_url: String,
}

#[derive(Template)]
#[template(path = "meetings/templates/agenda.html")]
struct AgendaView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    rows: Vec<AgendaRow>,
    /// Per row, the translation key of what is wrong with it.
    row_errors: Vec<Option<String>>,
    errors: Errors,
}

impl AgendaView {
    fn row_error(&self, i: usize) -> Option<String> {
        self.row_errors
            .get(i)
            .cloned()
            .flatten()
            .map(|key| self.page.t(key))
    }
}

async fn agenda_view(
    ctx: &Ctx,
    agreement: Agreement,
    meeting: Meeting,
    rows: Vec<AgendaRow>,
    row_errors: Vec<Option<String>>,
    errors: Errors,
) -> AppResult<Response> {
    let mut page = Page::titled(
        ctx,
        format!("{}: {}", ctx.t("meeting-agenda-edit"), meeting.title),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    Ok((
        status,
        render(&AgendaView {
            page,
            agreement,
            meeting,
            rows,
            row_errors,
            errors,
        }),
    )
        .into_response())
}

async fn agenda_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let docs = model::attachments(&state.db, meeting.id).await?;
    let mut rows: Vec<AgendaRow> = model::agenda(&state.db, meeting.id)
        .await?
        .into_iter()
        .map(|item| {
            let doc = docs.iter().find(|d| d.agenda_item_id == Some(item.id));
            AgendaRow {
                time: item.starts_time,
                title: item.title,
                presenter: item.presenter,
                description: item.description,
                document_title: doc.map(|d| d.title.clone()).unwrap_or_default(),
                document_url: doc.map(|d| d.url.clone()).unwrap_or_default(),
            }
        })
        .collect();
    rows.extend(std::iter::repeat_n(AgendaRow::default(), BLANK_AGENDA_ROWS));
    let n = rows.len();
    agenda_view(&ctx, agreement, meeting, rows, vec![None; n], Errors::new()).await
}

/// Saves the whole agenda at once: rows left empty are dropped, the order
/// is the order of the rows (or of their numbers, when an editor renumbers).
async fn save_agenda(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let column = |name: &str| form.all(name);
    let (orders, times, titles, presenters, descriptions, doc_titles, doc_urls) = (
        column("order"),
        column("time"),
        column("title"),
        column("presenter"),
        column("description"),
        column("document_title"),
        column("document_url"),
    );
    let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    let mut rows: Vec<(f64, AgendaRow)> = Vec::new();
    for i in 0..titles.len() {
        let row = AgendaRow {
            time: at(&times, i).trim().to_string(),
            title: at(&titles, i).trim().to_string(),
            presenter: at(&presenters, i).trim().to_string(),
            description: at(&descriptions, i).trim().to_string(),
            document_title: at(&doc_titles, i).trim().to_string(),
            document_url: at(&doc_urls, i).trim().to_string(),
        };
        let order = at(&orders, i)
            .trim()
            .parse::<f64>()
            .unwrap_or(i as f64 + 1.0);
        rows.push((order, row));
    }
    rows.retain(|(_, r)| {
        [
            &r.time,
            &r.title,
            &r.presenter,
            &r.description,
            &r.document_title,
            &r.document_url,
        ]
        .iter()
        .any(|s| !s.is_empty())
    });
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rows: Vec<AgendaRow> = rows.into_iter().map(|(_, r)| r).collect();
    let mut row_errors: Vec<Option<String>> = Vec::new();
    let mut errors = Errors::new();
    for row in &mut rows {
        let mut problem = None;
        if row.title.is_empty() {
            problem = Some("meeting-error-agenda-title");
        } else if !row.time.is_empty() {
            match time::parse_time(&row.time) {
                Some(t) => row.time = format!("{:02}.{:02}", t.hour(), t.minute()),
                None => problem = Some("meeting-error-time"),
            }
        }
        if problem.is_none()
            && (!row.document_url.is_empty() || !row.document_title.is_empty())
            && (row.document_title.is_empty() || !is_link(&row.document_url))
        {
            problem = Some("meeting-error-agenda-document");
        }
        if let Some(key) = problem
            && !errors.has("agenda")
        {
            errors.add("agenda", key);
        }
        row_errors.push(problem.map(str::to_string));
    }
    if !errors.is_empty() {
        rows.extend(std::iter::repeat_n(AgendaRow::default(), BLANK_AGENDA_ROWS));
        row_errors.resize(rows.len(), None);
        return agenda_view(&ctx, agreement, meeting, rows, row_errors, errors).await;
    }
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "DELETE FROM meeting_attachments WHERE meeting_id = $1 AND agenda_item_id IS NOT NULL",
    )
    .bind(meeting.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM agenda_items WHERE meeting_id = $1")
        .bind(meeting.id)
        .execute(&mut *tx)
        .await?;
    for (i, row) in rows.iter().enumerate() {
        let item: i64 = sqlx::query_scalar(
            "INSERT INTO agenda_items (meeting_id, position, title, presenter, starts_time, description)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(meeting.id)
        .bind(i as i64 + 1)
        .bind(&row.title)
        .bind(&row.presenter)
        .bind(&row.time)
        .bind(&row.description)
        .fetch_one(&mut *tx)
        .await?;
        if !row.document_url.is_empty() {
            sqlx::query(
                "INSERT INTO meeting_attachments (meeting_id, agenda_item_id, title, url, position)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(meeting.id)
            .bind(item)
            .bind(&row.document_title)
            .bind(&row.document_url)
            .bind(i as i64)
            .execute(&mut *tx)
            .await?;
        }
    }
    sqlx::query("UPDATE meetings SET updated_at = $1 WHERE id = $2")
        .bind(db::now())
        .bind(meeting.id)
        .execute(&mut *tx)
        .await?;
    let user = ctx.user.as_ref().map(|u| u.id);
    db::audit(
        &mut *tx,
        agreement.id,
        user,
        "meeting.agenda",
        format!("{id}: {} items", rows.len()),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Meeting, meeting.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("{}#agenda", meeting.path(&agreement.slug)),
    ))
}
