//! Registration for a meeting, with capacity per participation mode, a
//! per-organisation limit and a waitlist; the registrant's own page (by a
//! mailed link) to change or cancel; the organisers' list, exports, printable
//! participant list and attendance.
//!
//! Every change to who holds a seat runs in one transaction that starts by
//! bumping the meeting's `registration_seq`: on PostgreSQL that row lock
//! serialises the changes of one meeting, and on SQLite a first statement
//! that writes takes the write lock at once. So seats are never overbooked.

use std::collections::HashMap;
use std::time::Duration;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::model::{COLUMNS, FROM, RegistrationState};
use super::{Meeting, ical, model};
use crate::accounts::email::Email;
use crate::accounts::token;
use crate::agreements::{self, Agreement};
use crate::config::Config;
use crate::db::{self, Db};
use crate::mail;
use crate::signatories::export::Table;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, CsrfPairs, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/meetings/{id}/register", get(form).post(submit))
        .route("/{slug}/registrations/{token}", get(manage).post(change))
        .route("/{slug}/meetings/{id}/registrations", get(list))
        .route("/{slug}/meetings/{id}/registrations.csv", get(export_csv))
        .route("/{slug}/meetings/{id}/registrations.xlsx", get(export_xlsx))
        .route("/{slug}/meetings/{id}/registrations/print", get(print))
        .route(
            "/{slug}/meetings/{id}/registrations/attendance",
            post(attendance),
        )
}

/// Live registrations of a meeting by mode and status.
#[derive(Debug, Default)]
pub struct Counts {
    rows: Vec<(String, String, i64)>,
}

impl Counts {
    fn get(&self, mode: &str, status: &str) -> i64 {
        self.rows
            .iter()
            .filter(|(m, s, _)| m == mode && s == status)
            .map(|(_, _, n)| *n)
            .sum()
    }

    pub fn confirmed(&self, mode: &str) -> i64 {
        self.get(mode, "confirmed")
    }

    pub fn waitlisted(&self, mode: &str) -> i64 {
        self.get(mode, "waitlisted")
    }
}

pub async fn counts(db: &Db, meeting_id: i64) -> Result<Counts, sqlx::Error> {
    let rows = sqlx::query_as(
        "SELECT mode, status, COUNT(*) FROM registrations
         WHERE meeting_id = $1 AND status <> 'cancelled' GROUP BY mode, status",
    )
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(Counts { rows })
}

/// Someone registered for a meeting, as the organisers and the mails need them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Participant {
    pub name: String,
    pub email: String,
    pub language: String,
}

/// Everyone with a confirmed place, e.g. for a notice or a change of plans.
pub async fn confirmed_participants(
    db: &Db,
    meeting_id: i64,
) -> Result<Vec<Participant>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, email, language FROM registrations
         WHERE meeting_id = $1 AND status = 'confirmed' ORDER BY id",
    )
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await
}

// ---------------------------------------------------------------------------
// The lock, retries and seats

/// How many times a registration change is tried when the database asks
/// for a retry (SQLite busy, PostgreSQL serialization failure or deadlock).
const ATTEMPTS: u32 = 8;

type Tx = sqlx::Transaction<'static, sqlx::Any>;

fn is_retryable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            let code = d.code().unwrap_or_default();
            // SQLITE_BUSY with its extended codes; PostgreSQL's
            // serialization_failure and deadlock_detected.
            matches!(code.as_ref(), "5" | "261" | "517" | "40001" | "40P01")
                || d.message().contains("database is locked")
        }
        sqlx::Error::PoolTimedOut => true,
        _ => false,
    }
}

/// Who made a registration on an editor's behalf, for the agreement's log.
pub struct Audit {
    pub user_id: i64,
    /// How it came: "API token 3", say.
    pub via: String,
}

/// Runs a transaction function again, a little later each time, while the
/// database answers with an error that a retry cures.
async fn retrying<T, F, Fut>(mut run: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, sqlx::Error>>,
{
    let mut attempt = 1;
    loop {
        match run().await {
            Err(e) if attempt < ATTEMPTS && is_retryable(&e) => {
                tracing::debug!(error = %e, attempt, "registration retried");
                let jitter = rand::random::<u64>() % 25;
                tokio::time::sleep(Duration::from_millis(25 * u64::from(attempt) + jitter)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Opens a transaction holding the meeting's registration lock, and reads
/// the meeting as it is under that lock.
async fn locked(db: &Db, meeting_id: i64) -> Result<(Tx, Option<Meeting>), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE meetings SET registration_seq = registration_seq + 1 WHERE id = $1")
        .bind(meeting_id)
        .execute(&mut *tx)
        .await?;
    let meeting = sqlx::query_as(&format!("SELECT {COLUMNS} {FROM} WHERE m.id = $1"))
        .bind(meeting_id)
        .fetch_optional(&mut *tx)
        .await?;
    Ok((tx, meeting))
}

async fn confirmed_in(tx: &mut Tx, meeting_id: i64, mode: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations
         WHERE meeting_id = $1 AND mode = $2 AND status = 'confirmed'",
    )
    .bind(meeting_id)
    .bind(mode)
    .fetch_one(&mut **tx)
    .await
}

/// A place on the waitlist, counted from 1 within the mode.
pub(crate) async fn waitlist_position(
    executor: impl sqlx::Executor<'_, Database = sqlx::Any>,
    meeting_id: i64,
    mode: &str,
    id: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations
         WHERE meeting_id = $1 AND mode = $2 AND status = 'waitlisted' AND id <= $3",
    )
    .bind(meeting_id)
    .bind(mode)
    .bind(id)
    .fetch_one(executor)
    .await
}

fn has_seat(meeting: &Meeting, mode: &str, confirmed: i64) -> bool {
    meeting.capacity(mode).is_none_or(|c| confirmed < c)
}

/// Gives the free seats of one mode to the waitlist, first come first
/// served, and mails each one promoted. Runs inside a locked transaction.
async fn promote(
    tx: &mut Tx,
    config: &Config,
    agreement: &Agreement,
    meeting: &Meeting,
    mode: &str,
) -> Result<u64, sqlx::Error> {
    let mut promoted = 0;
    loop {
        let confirmed = confirmed_in(tx, meeting.id, mode).await?;
        if !has_seat(meeting, mode, confirmed) {
            break;
        }
        let next: Option<(i64, String, String, String)> = sqlx::query_as(
            "SELECT id, name, email, language FROM registrations
             WHERE meeting_id = $1 AND mode = $2 AND status = 'waitlisted' ORDER BY id LIMIT 1",
        )
        .bind(meeting.id)
        .bind(mode)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((id, name, email, language)) = next else {
            break;
        };
        // The first link cannot be sent again (only its hash is kept), so
        // the mail brings a new one that replaces it.
        let secret = token::random_token();
        let now = db::now();
        sqlx::query(
            "UPDATE registrations SET status = 'confirmed', confirmed_at = $1, updated_at = $1,
                 token_hash = $2 WHERE id = $3",
        )
        .bind(&now)
        .bind(token::hash(&secret))
        .bind(id)
        .execute(&mut **tx)
        .await?;
        let lang = Lang::parse(&language).unwrap_or_default();
        let letter = Letter {
            lang,
            name: &name,
            mode,
            kind: LetterKind::Promoted,
            secret: &secret,
        };
        letter
            .enqueue(&mut **tx, config, agreement, meeting, &email)
            .await?;
        promoted += 1;
    }
    Ok(promoted)
}

/// Gives every free seat of a meeting to its waitlist, for example after
/// its capacity was raised. Returns how many were promoted.
pub async fn fill_free_seats(
    state: &AppState,
    agreement: &Agreement,
    meeting_id: i64,
) -> Result<u64, sqlx::Error> {
    let promoted = retrying(|| async move {
        let (mut tx, meeting) = locked(&state.db, meeting_id).await?;
        let Some(meeting) = meeting else {
            return Ok(0);
        };
        let mut n = 0;
        for mode in model::MODES {
            n += promote(&mut tx, &state.config, agreement, &meeting, mode).await?;
        }
        tx.commit().await?;
        Ok(n)
    })
    .await?;
    if promoted > 0 {
        state.mail_queued.notify_one();
    }
    Ok(promoted)
}

// ---------------------------------------------------------------------------
// Mail

enum LetterKind {
    Confirmed,
    Waitlisted(i64),
    Promoted,
}

/// A mail about one registration, in the registrant's language, with the
/// meeting's .ics attached.
struct Letter<'a> {
    lang: Lang,
    name: &'a str,
    mode: &'a str,
    kind: LetterKind,
    secret: &'a str,
}

impl Letter<'_> {
    async fn enqueue<'e>(
        &self,
        executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
        config: &Config,
        agreement: &Agreement,
        meeting: &Meeting,
        to: &str,
    ) -> Result<(), sqlx::Error> {
        let lang = self.lang;
        let title = [("meeting", meeting.title.clone())];
        let subject = match self.kind {
            LetterKind::Confirmed => lang.t_with("register-mail-confirmed-subject", &title),
            LetterKind::Waitlisted(_) => lang.t_with("register-mail-waitlisted-subject", &title),
            LetterKind::Promoted => lang.t_with("register-mail-promoted-subject", &title),
        };
        let status = match self.kind {
            LetterKind::Confirmed => lang.t("register-mail-status-confirmed"),
            LetterKind::Waitlisted(p) => lang.t_with(
                "register-mail-status-waitlisted",
                &[("position", p.to_string())],
            ),
            LetterKind::Promoted => lang.t("register-mail-status-promoted"),
        };
        let mut body = vec![
            lang.t_with("register-mail-greeting", &[("name", self.name.to_string())]),
            String::new(),
            status,
            String::new(),
            format!("{}: {}", lang.t("register-mail-meeting"), meeting.title),
            format!("{}: {}", lang.t("meeting-when"), meeting.when(lang)),
            format!(
                "{}: {}",
                lang.t("register-mode"),
                lang.t(&format!("meeting-mode-{}", self.mode))
            ),
        ];
        let venue = venue(meeting);
        if self.mode == "in_person" && !venue.is_empty() {
            body.push(format!("{}: {venue}", lang.t("meeting-where")));
        }
        let confirmed = !matches!(self.kind, LetterKind::Waitlisted(_));
        if let Some(url) = online_link(meeting, confirmed) {
            body.push(format!("{}: {url}", lang.t("meeting-online-link")));
        }
        body.push(format!(
            "{}: {}",
            lang.t("register-mail-page"),
            config.absolute(&format!("/{}/meetings/{}", agreement.slug, meeting.id))
        ));
        body.push(String::new());
        body.push(lang.t("register-mail-manage"));
        body.push(config.absolute(&format!(
            "/{}/registrations/{}",
            agreement.slug, self.secret
        )));
        if matches!(self.kind, LetterKind::Promoted) {
            body.push(lang.t("register-mail-new-link"));
        }
        body.push(String::new());
        body.push(lang.t("register-mail-calendar"));
        let attachment = mail::Attachment {
            name: format!("{}-meeting-{}.ics", agreement.slug, meeting.id),
            content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
            body: ical::single(config, agreement, meeting),
        };
        mail::enqueue_with_attachment(executor, to, &subject, &body.join("\n"), &attachment).await
    }
}

/// The venue's name and address in one line.
fn venue(meeting: &Meeting) -> String {
    [meeting.venue_name.as_str(), meeting.venue_address.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The online link, for a confirmed registrant, when it is shown to them.
fn online_link(meeting: &Meeting, confirmed: bool) -> Option<String> {
    let shown = matches!(meeting.link_visibility.as_str(), "everyone" | "registered");
    (confirmed && shown && meeting.format != "in_person" && !meeting.online_url.is_empty())
        .then(|| meeting.online_url.clone())
}

// ---------------------------------------------------------------------------
// Registering

/// Why a visitor cannot register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NoRegistration,
    NotYetOpen,
    Closed,
    Cancelled,
    MembersOnly,
}

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::MembersOnly => StatusCode::FORBIDDEN,
            _ => StatusCode::CONFLICT,
        }
    }

    pub fn text(self, lang: Lang, meeting: &Meeting) -> String {
        match self {
            Refusal::NoRegistration => lang.t("register-refused-none"),
            Refusal::NotYetOpen => lang.t_with(
                "register-refused-not-yet-open",
                &[(
                    "time",
                    meeting
                        .registration_opens_at
                        .as_deref()
                        .map(|t| super::time::moment(lang, t))
                        .unwrap_or_default(),
                )],
            ),
            Refusal::Closed => lang.t("register-refused-closed"),
            Refusal::Cancelled => lang.t("register-refused-cancelled"),
            Refusal::MembersOnly => lang.t("register-refused-members-only"),
        }
    }
}

fn refusal_by_time(meeting: &Meeting, now: &str) -> Option<Refusal> {
    match meeting.registration_state(now) {
        RegistrationState::None => Some(Refusal::NoRegistration),
        RegistrationState::NotYetOpen => Some(Refusal::NotYetOpen),
        RegistrationState::Closed if meeting.is_cancelled() => Some(Refusal::Cancelled),
        RegistrationState::Closed => Some(Refusal::Closed),
        RegistrationState::Open => None,
    }
}

async fn refusal(state: &AppState, ctx: &Ctx, meeting: &Meeting) -> AppResult<Option<Refusal>> {
    if let Some(r) = refusal_by_time(meeting, &db::now()) {
        return Ok(Some(r));
    }
    if meeting.is_open == 0 && !model::is_member_for(&state.db, ctx, meeting).await? {
        return Ok(Some(Refusal::MembersOnly));
    }
    Ok(None)
}

/// One person registering, as the form and the API take it.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RegisterInput {
    pub name: String,
    /// The confirmation (with the meeting's .ics and a link to change or cancel) goes here.
    pub email: String,
    /// A signatory organisation's id, or "".
    pub organisation: String,
    /// An organisation that is not a signatory, as written, when `organisation` is "".
    pub other_organisation: String,
    /// in_person | online (may be left out when the meeting offers one mode).
    pub mode: String,
    /// Food preferences (at most 2000 characters; erased 30 days after the meeting).
    pub dietary: String,
    /// Accessibility needs (at most 2000 characters; erased 30 days after the meeting).
    pub accessibility: String,
    /// A message to the organisers (at most 2000 characters).
    pub message: String,
}

pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "meetings/templates/register.html")]
struct RegisterView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    when: String,
    /// Why registration is closed to this visitor; no form when set.
    refused: Option<String>,
    /// Refused as not a member, and not logged in: logging in may help.
    offer_login: bool,
    errors: Errors,
    values: RegisterInput,
    organisations: Vec<Choice>,
    modes: Vec<Choice>,
}

/// The agreement's current signatories, for the organisation list.
async fn signatory_choices(db: &Db, agreement_id: i64) -> Result<Vec<Choice>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT o.id, o.name FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 AND s.joined_on <= $2 AND (s.left_on IS NULL OR s.left_on > $2)
         ORDER BY o.name_key",
    )
    .bind(agreement_id)
    .bind(db::today())
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name,
        })
        .collect())
}

/// One organisation as a choice, if it is a signatory today.
async fn signatory_choice(
    db: &Db,
    agreement_id: i64,
    organisation_id: i64,
) -> Result<Option<Choice>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT o.id, o.name FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 AND s.organisation_id = $2
           AND s.joined_on <= $3 AND (s.left_on IS NULL OR s.left_on > $3)",
    )
    .bind(agreement_id)
    .bind(organisation_id)
    .bind(db::today())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id, name)| Choice {
        value: id.to_string(),
        label: name,
    }))
}

/// The modes offered, each with what is left of it.
fn mode_choices(lang: Lang, meeting: &Meeting, counts: &Counts) -> Vec<Choice> {
    meeting
        .modes()
        .into_iter()
        .map(|mode| {
            let name = lang.t(&format!("meeting-mode-{mode}"));
            let label = match meeting.capacity(mode) {
                None => name,
                Some(c) => {
                    let left = (c - counts.confirmed(mode)).max(0);
                    let note = if left == 0 && meeting.waitlist != 0 {
                        lang.t("register-mode-waitlist")
                    } else {
                        lang.t_with("meeting-places-left", &[("count", left.to_string())])
                    };
                    format!("{name} ({note})")
                }
            };
            Choice {
                value: mode.to_string(),
                label,
            }
        })
        .collect()
}

/// The form, or why it is closed to this visitor. A look at a closed form
/// answers 200; a submission to it answers with the refusal's status.
async fn register_view(
    state: &AppState,
    ctx: &Ctx,
    (agreement, meeting): (Agreement, Meeting),
    refused: Option<Refusal>,
    submitted: bool,
    values: RegisterInput,
    errors: Errors,
) -> AppResult<Response> {
    let counts = counts(&state.db, meeting.id).await?;
    let mut page = Page::titled(
        ctx,
        ctx.lang.t_with(
            "register-meeting-title",
            &[("meeting", meeting.title.clone())],
        ),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = match refused {
        Some(r) if submitted => r.status(),
        _ => errors.status(),
    };
    let view = RegisterView {
        when: meeting.when(ctx.lang),
        refused: refused.map(|r| r.text(ctx.lang, &meeting)),
        offer_login: refused == Some(Refusal::MembersOnly) && ctx.user.is_none(),
        organisations: signatory_choices(&state.db, agreement.id).await?,
        modes: mode_choices(ctx.lang, &meeting, &counts),
        page,
        agreement,
        meeting,
        errors,
        values,
    };
    Ok((status, render(&view)).into_response())
}

async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let refused = refusal(&state, &ctx, &meeting).await?;
    let mut values = RegisterInput::default();
    if let Some(user) = &ctx.user {
        values.name = user.name.clone();
        values.email = user.email.clone();
        // A representative of one signatory most likely comes for it.
        let represented: Vec<i64> = sqlx::query_scalar(
            "SELECT organisation_id FROM organisation_representatives WHERE user_id = $1",
        )
        .bind(user.id)
        .fetch_all(&state.db.pool)
        .await?;
        let choices = signatory_choices(&state.db, agreement.id).await?;
        let mut theirs = choices
            .iter()
            .filter(|c| represented.iter().any(|id| id.to_string() == c.value));
        if let (Some(only), None) = (theirs.next(), theirs.next()) {
            values.organisation = only.value.clone();
        }
    }
    if let [only] = meeting.modes().as_slice() {
        values.mode = only.to_string();
    }
    let m = (agreement, meeting);
    register_view(&state, &ctx, m, refused, false, values, Errors::new()).await
}

/// What a registration will store, checked.
struct NewRegistration {
    name: String,
    email: Email,
    organisation_id: Option<i64>,
    organisation_name: String,
    mode: String,
    dietary: String,
    accessibility: String,
    message: String,
    user_id: Option<i64>,
    lang: Lang,
}

const LONG_TEXT: usize = 2000;

fn check_text(errors: &mut Errors, field: &'static str, value: &str) -> String {
    let value = value.trim();
    if value.chars().count() > LONG_TEXT {
        errors.add(field, "error-too-long");
    }
    value.to_string()
}

fn check_name(errors: &mut Errors, value: &str) -> String {
    let name = value.trim();
    if name.is_empty() {
        errors.add("name", "error-name-missing");
    } else if name.chars().count() > 200 {
        errors.add("name", "error-name-long");
    }
    name.to_string()
}

fn check_mode(errors: &mut Errors, meeting: &Meeting, value: &str) -> String {
    let modes = meeting.modes();
    let mode = match modes.as_slice() {
        [only] if value.is_empty() => *only,
        _ => value,
    };
    if !modes.contains(&mode) {
        errors.add("mode", "error-choose-one");
    }
    mode.to_string()
}

fn check(
    (user_id, lang): (Option<i64>, Lang),
    meeting: &Meeting,
    organisations: &[Choice],
    input: &RegisterInput,
) -> Result<NewRegistration, Errors> {
    let mut errors = Errors::new();
    let name = check_name(&mut errors, &input.name);
    let email = Email::parse(&input.email).map_err(|key| errors.add("email", key));
    let other = input.other_organisation.trim();
    let organisation_id = if input.organisation.is_empty() {
        None
    } else {
        let known = organisations.iter().any(|o| o.value == input.organisation);
        match input.organisation.parse::<i64>() {
            Ok(id) if known => Some(id),
            _ => {
                errors.add("organisation", "error-choose-one");
                None
            }
        }
    };
    if organisation_id.is_some() && !other.is_empty() {
        errors.add("other_organisation", "register-error-organisation-both");
    }
    if other.chars().count() > 200 {
        errors.add("other_organisation", "error-too-long");
    }
    let mode = check_mode(&mut errors, meeting, &input.mode);
    let dietary = check_text(&mut errors, "dietary", &input.dietary);
    let accessibility = check_text(&mut errors, "accessibility", &input.accessibility);
    let message = check_text(&mut errors, "message", &input.message);
    match email {
        Ok(email) if errors.is_empty() => Ok(NewRegistration {
            name,
            email,
            organisation_id,
            organisation_name: if organisation_id.is_some() {
                String::new()
            } else {
                other.to_string()
            },
            mode,
            dietary,
            accessibility,
            message,
            user_id,
            lang,
        }),
        _ => Err(errors),
    }
}

/// What became of a registration attempt.
enum Placed {
    /// Too many registrations for this address lately: nothing saved.
    RateLimited(u64),
    Confirmed(i64),
    Waitlisted(i64),
    /// No seat, no waitlist: nothing saved.
    Full,
    OrganisationFull,
    Duplicate,
    /// Registration closed (or the meeting was cancelled) meanwhile.
    Refused(Refusal),
}

/// One registration waiting for its meeting's next batch.
struct Pending {
    new: NewRegistration,
    secret: String,
    audit: Option<Audit>,
    reply: tokio::sync::oneshot::Sender<Result<Placed, String>>,
}

#[derive(Default)]
struct Queue {
    pending: Vec<Pending>,
    /// A task is taking this meeting's registrations.
    draining: bool,
}

type Queues = std::sync::Mutex<std::collections::HashMap<i64, Queue>>;

fn queues() -> &'static Queues {
    static QUEUES: std::sync::LazyLock<Queues> = std::sync::LazyLock::new(Default::default);
    &QUEUES
}

/// Most registrations one transaction takes.
const BATCH: usize = 64;

/// Registers one person: a seat if one is left, else the waitlist, else
/// nothing; the confirmation mail is queued in the same transaction.
///
/// A meeting's registrations are taken in batches, each in one transaction
/// under the meeting's lock: a burst of 2,000 costs some thirty commits
/// instead of 2,000 one after the other (each waiting for the disk), and no
/// request holds a connection while it waits for its turn.
async fn place_registration(
    state: &AppState,
    agreement: &Agreement,
    meeting_id: i64,
    new: NewRegistration,
    secret: &str,
    audit: Option<Audit>,
) -> Result<Placed, sqlx::Error> {
    let (reply, answer) = tokio::sync::oneshot::channel();
    let start = {
        let mut queues = queues().lock().unwrap_or_else(|e| e.into_inner());
        let queue = queues.entry(meeting_id).or_default();
        queue.pending.push(Pending {
            new,
            secret: secret.to_string(),
            audit,
            reply,
        });
        !std::mem::replace(&mut queue.draining, true)
    };
    if start {
        // A task of its own: a request its client gave up on must not leave
        // the others waiting.
        tokio::spawn(drain(state.clone(), agreement.clone(), meeting_id));
    }
    match answer.await {
        Ok(Ok(placed)) => Ok(placed),
        Ok(Err(e)) => Err(sqlx::Error::Protocol(e)),
        Err(_) => Err(sqlx::Error::Protocol(
            "the registration task stopped".into(),
        )),
    }
}

/// Takes the meeting's waiting registrations, a batch at a time, until none
/// is left.
async fn drain(state: AppState, agreement: Agreement, meeting_id: i64) {
    loop {
        let batch: Vec<Pending> = {
            let mut queues = queues().lock().unwrap_or_else(|e| e.into_inner());
            let Some(queue) = queues.get_mut(&meeting_id) else {
                return;
            };
            if queue.pending.is_empty() {
                queues.remove(&meeting_id);
                return;
            }
            let n = queue.pending.len().min(BATCH);
            queue.pending.drain(..n).collect()
        };
        let outcome = {
            let _write_turn = state.db.write_turn().await;
            retrying(|| place_batch(&state, &agreement, meeting_id, &batch)).await
        };
        match outcome {
            Ok(placed) => {
                for (p, placed) in batch.into_iter().zip(placed) {
                    let _ = p.reply.send(Ok(placed));
                }
            }
            // One registration that fails must not fail the others: each alone.
            Err(_) if batch.len() > 1 => {
                for p in batch {
                    let result = {
                        let one = std::slice::from_ref(&p);
                        let _write_turn = state.db.write_turn().await;
                        retrying(|| place_batch(&state, &agreement, meeting_id, one)).await
                    };
                    let _ = p.reply.send(
                        result
                            .map(|mut placed| placed.remove(0))
                            .map_err(|e| e.to_string()),
                    );
                }
            }
            Err(e) => {
                tracing::error!(error = %e, meeting_id, "registration failed");
                for p in batch {
                    let _ = p.reply.send(Err(e.to_string()));
                }
            }
        }
    }
}

/// One transaction under the meeting's lock for a batch: each is placed in
/// turn, or none is saved.
async fn place_batch(
    state: &AppState,
    agreement: &Agreement,
    meeting_id: i64,
    batch: &[Pending],
) -> Result<Vec<Placed>, sqlx::Error> {
    let (mut tx, meeting) = locked(&state.db, meeting_id).await?;
    let Some(meeting) = meeting else {
        return Ok(batch
            .iter()
            .map(|_| Placed::Refused(Refusal::NoRegistration))
            .collect());
    };
    if let Some(r) = refusal_by_time(&meeting, &db::now()) {
        return Ok(batch.iter().map(|_| Placed::Refused(r)).collect());
    }
    let mut placed = Vec::with_capacity(batch.len());
    let mut tally = Tally::default();
    for p in batch {
        let one = place_one(state, agreement, &meeting, &mut tx, &mut tally, p).await?;
        placed.push(one);
    }
    tx.commit().await?;
    Ok(placed)
}

/// Seats taken and the last waitlist place, per mode, as counted in this
/// batch's transaction: under the lock only the batch changes them.
#[derive(Default)]
struct Tally {
    confirmed: std::collections::HashMap<String, i64>,
    waitlisted: std::collections::HashMap<String, i64>,
}

/// Places one registration inside the batch's transaction; those after it
/// in the batch see it in their counts.
async fn place_one(
    state: &AppState,
    agreement: &Agreement,
    meeting: &Meeting,
    tx: &mut Tx,
    tally: &mut Tally,
    p: &Pending,
) -> Result<Placed, sqlx::Error> {
    let (new, secret, audit) = (&p.new, p.secret.as_str(), p.audit.as_ref());
    // Every registration mails the address typed in: a cap per address keeps
    // the form from being used to flood someone's inbox.
    if let Some(retry_after_secs) = crate::accounts::rate_limit::hit_in(
        &mut **tx,
        &crate::accounts::rate_limit::REGISTRATIONS_PER_ADDRESS,
        new.email.as_str(),
    )
    .await?
    {
        return Ok(Placed::RateLimited(retry_after_secs));
    }
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM registrations WHERE meeting_id = $1 AND email = $2 AND status <> 'cancelled'",
    )
    .bind(meeting.id)
    .bind(new.email.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    if taken.is_some() {
        return Ok(Placed::Duplicate);
    }
    if let Some(limit) = meeting.per_organisation_limit {
        let same: i64 = match new.organisation_id {
            Some(org) => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM registrations
                     WHERE meeting_id = $1 AND organisation_id = $2 AND status <> 'cancelled'",
                )
                .bind(meeting.id)
                .bind(org)
                .fetch_one(&mut **tx)
                .await?
            }
            None if !new.organisation_name.is_empty() => {
                // Compared in Rust: SQLite's LOWER knows only ASCII.
                let typed: Vec<String> = sqlx::query_scalar(
                    "SELECT organisation_name FROM registrations
                     WHERE meeting_id = $1 AND organisation_id IS NULL
                       AND organisation_name <> '' AND status <> 'cancelled'",
                )
                .bind(meeting.id)
                .fetch_all(&mut **tx)
                .await?;
                let key = new.organisation_name.to_lowercase();
                typed.iter().filter(|n| n.to_lowercase() == key).count() as i64
            }
            None => 0,
        };
        if same >= limit {
            return Ok(Placed::OrganisationFull);
        }
    }
    let confirmed = match tally.confirmed.get(&new.mode) {
        Some(n) => *n,
        None => {
            let n = confirmed_in(tx, meeting.id, &new.mode).await?;
            tally.confirmed.insert(new.mode.clone(), n);
            n
        }
    };
    let status = if has_seat(meeting, &new.mode, confirmed) {
        "confirmed"
    } else if meeting.waitlist != 0 {
        "waitlisted"
    } else {
        return Ok(Placed::Full);
    };
    let now = db::now();
    let inserted = sqlx::query_scalar(
        "INSERT INTO registrations (meeting_id, name, email, organisation_id, organisation_name,
             mode, status, dietary, accessibility, message, language, token_hash, user_id,
             created_at, updated_at, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)
         RETURNING id",
    )
    .bind(meeting.id)
    .bind(&new.name)
    .bind(new.email.as_str())
    .bind(new.organisation_id)
    .bind(&new.organisation_name)
    .bind(&new.mode)
    .bind(status)
    .bind(&new.dietary)
    .bind(&new.accessibility)
    .bind(&new.message)
    .bind(new.lang.code())
    .bind(token::hash(secret))
    .bind(new.user_id)
    .bind(&now)
    .bind((status == "confirmed").then_some(now.as_str()))
    .fetch_one(&mut **tx)
    .await;
    let id: i64 = match inserted {
        Err(e) if db::is_unique_violation(&e) => return Ok(Placed::Duplicate),
        other => other?,
    };
    let kind = if status == "confirmed" {
        tally.confirmed.insert(new.mode.clone(), confirmed + 1);
        LetterKind::Confirmed
    } else {
        let position = match tally.waitlisted.get(&new.mode) {
            Some(last) => last + 1,
            None => waitlist_position(&mut **tx, meeting.id, &new.mode, id).await?,
        };
        tally.waitlisted.insert(new.mode.clone(), position);
        LetterKind::Waitlisted(position)
    };
    let letter = Letter {
        lang: new.lang,
        name: &new.name,
        mode: &new.mode,
        kind,
        secret,
    };
    letter
        .enqueue(
            &mut **tx,
            &state.config,
            agreement,
            meeting,
            new.email.as_str(),
        )
        .await?;
    if let Some(a) = audit {
        db::audit(
            &mut **tx,
            agreement.id,
            Some(a.user_id),
            "meeting.registration",
            format!("{}: {id} ({})", meeting.id, a.via),
        )
        .await?;
    }
    Ok(if status == "confirmed" {
        Placed::Confirmed(id)
    } else {
        Placed::Waitlisted(id)
    })
}

/// A registration made, or why not.
pub enum Outcome {
    Placed {
        id: i64,
        confirmed: bool,
        /// The registrant's link to change or cancel, as mailed.
        secret: String,
    },
    Refused(Refusal),
    /// Errors naming the form's fields; nothing saved.
    Invalid(Errors),
}

/// Registers one person, for the form and for editors' integrations alike:
/// checks the input, counts against the cap per address, takes a seat or a
/// waitlist place under the meeting's lock and queues the mail. Who may
/// register for a members' meeting is the caller's to decide.
pub async fn register(
    state: &AppState,
    agreement: &Agreement,
    meeting: &Meeting,
    input: &RegisterInput,
    registrant: (Option<i64>, Lang),
    audit: Option<Audit>,
) -> AppResult<Outcome> {
    if let Some(r) = refusal_by_time(meeting, &db::now()) {
        return Ok(Outcome::Refused(r));
    }
    // Only the organisation named is looked up: the list can be thousands long.
    let organisations = match input.organisation.parse::<i64>() {
        Ok(id) => signatory_choice(&state.db, agreement.id, id).await?,
        Err(_) => None,
    };
    let new = match check(registrant, meeting, organisations.as_slice(), input) {
        Ok(new) => new,
        Err(errors) => return Ok(Outcome::Invalid(errors)),
    };
    let secret = token::random_token();
    let named_organisation = new.organisation_id.is_some();
    let placed = place_registration(state, agreement, meeting.id, new, &secret, audit).await?;
    let mut errors = Errors::new();
    let (id, confirmed) = match placed {
        Placed::Confirmed(id) => (id, true),
        Placed::Waitlisted(id) => (id, false),
        Placed::Refused(r) => return Ok(Outcome::Refused(r)),
        Placed::RateLimited(retry_after_secs) => {
            return Err(AppError::RateLimited { retry_after_secs });
        }
        Placed::Full => {
            errors.add("mode", "register-error-full");
            return Ok(Outcome::Invalid(errors));
        }
        Placed::OrganisationFull => {
            if named_organisation {
                errors.add("organisation", "register-error-organisation-limit");
            } else {
                errors.add("other_organisation", "register-error-organisation-limit");
            }
            return Ok(Outcome::Invalid(errors));
        }
        Placed::Duplicate => {
            errors.add("email", "register-error-duplicate");
            return Ok(Outcome::Invalid(errors));
        }
    };
    state.mail_queued.notify_one();
    Ok(Outcome::Placed {
        id,
        confirmed,
        secret,
    })
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<RegisterInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    if let Some(r) = refusal(&state, &ctx, &meeting).await? {
        let m = (agreement, meeting);
        return register_view(&state, &ctx, m, Some(r), true, input, Errors::new()).await;
    }
    let registrant = (ctx.user.as_ref().map(|u| u.id), ctx.lang);
    let (confirmed, secret) =
        match register(&state, &agreement, &meeting, &input, registrant, None).await? {
            Outcome::Placed {
                confirmed, secret, ..
            } => (confirmed, secret),
            Outcome::Refused(r) => {
                let m = (agreement, meeting);
                return register_view(&state, &ctx, m, Some(r), true, input, Errors::new()).await;
            }
            Outcome::Invalid(errors) => {
                let m = (agreement, meeting);
                return register_view(&state, &ctx, m, None, true, input, errors).await;
            }
        };
    let flash_key = if confirmed {
        "flash-registration-confirmed"
    } else {
        "flash-registration-waitlisted"
    };
    Ok(flash_redirect(
        &state.config,
        flash_key,
        &format!("/{}/registrations/{secret}", agreement.slug),
    ))
}

// ---------------------------------------------------------------------------
// The registrant's own page

/// A registration as stored (the API answers with it too).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Registration {
    pub id: i64,
    pub meeting_id: i64,
    pub name: String,
    pub email: String,
    /// The signatory's id, when one was chosen.
    pub organisation_id: Option<i64>,
    /// The signatory's name, or the name as typed.
    pub organisation: String,
    /// in_person | online
    pub mode: String,
    /// confirmed | waitlisted | cancelled
    pub status: String,
    pub dietary: String,
    pub accessibility: String,
    /// When dietary and accessibility needs were erased (30 days after the meeting).
    pub sensitive_erased_at: Option<String>,
    pub message: String,
    /// The language of the mails to the registrant: sv | en.
    pub language: String,
    /// 1 came, 0 did not; marked by the organisers.
    pub attended: Option<i64>,
    /// UTC, RFC 3339
    pub created_at: String,
    pub cancelled_at: Option<String>,
}

pub(crate) const REGISTRATION_COLUMNS: &str =
    "r.id, r.meeting_id, r.name, r.email, r.organisation_id,
    COALESCE(o.name, r.organisation_name) AS organisation, r.mode, r.status, r.dietary,
    r.accessibility, r.sensitive_erased_at, r.message, r.language, r.attended, r.created_at,
    r.cancelled_at";

pub(crate) const REGISTRATION_FROM: &str =
    "FROM registrations r LEFT JOIN organisations o ON o.id = r.organisation_id";

/// The registration a mailed link stands for, with its meeting, in this agreement.
async fn by_token(
    db: &Db,
    agreement: &Agreement,
    secret: &str,
) -> AppResult<(Registration, Meeting)> {
    let registration: Registration = sqlx::query_as(&format!(
        "SELECT {REGISTRATION_COLUMNS} {REGISTRATION_FROM} WHERE r.token_hash = $1"
    ))
    .bind(token::hash(secret))
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let meeting = Meeting::find(db, agreement.id, registration.meeting_id).await?;
    Ok((registration, meeting))
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
struct ChangeInput {
    /// "save" or "cancel".
    action: String,
    name: String,
    mode: String,
    dietary: String,
    accessibility: String,
    message: String,
}

#[derive(Template)]
#[template(path = "meetings/templates/manage.html")]
struct ManageView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    when: String,
    registration: Registration,
    status: String,
    online_url: Option<String>,
    /// The registration can still be changed or cancelled.
    editable: bool,
    /// The participation mode can still be changed.
    mode_editable: bool,
    modes: Vec<Choice>,
    errors: Errors,
    values: ChangeInput,
}

impl ManageView {
    fn mode_label(&self) -> String {
        self.page
            .t(format!("meeting-mode-{}", self.registration.mode))
    }
}

async fn manage_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    meeting: Meeting,
    registration: Registration,
    values: Option<ChangeInput>,
    errors: Errors,
) -> AppResult<Response> {
    let now = db::now();
    let status = match registration.status.as_str() {
        "confirmed" => ctx.t("register-status-confirmed"),
        "waitlisted" => {
            let position = waitlist_position(
                &state.db.pool,
                meeting.id,
                &registration.mode,
                registration.id,
            )
            .await?;
            ctx.lang.t_with(
                "register-status-waitlisted",
                &[("position", position.to_string())],
            )
        }
        _ => ctx.t("register-status-cancelled"),
    };
    let editable = registration.status != "cancelled"
        && !meeting.is_cancelled()
        && now.as_str() < meeting.starts_at.as_str();
    let mode_editable = editable
        && meeting.registration_state(&now) == RegistrationState::Open
        && meeting.modes().len() > 1;
    let counts = counts(&state.db, meeting.id).await?;
    let values = values.unwrap_or_else(|| ChangeInput {
        action: String::new(),
        name: registration.name.clone(),
        mode: registration.mode.clone(),
        dietary: registration.dietary.clone(),
        accessibility: registration.accessibility.clone(),
        message: registration.message.clone(),
    });
    let mut page = Page::titled(
        ctx,
        ctx.lang.t_with(
            "register-manage-title",
            &[("meeting", meeting.title.clone())],
        ),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let http_status = if !errors.is_empty() {
        errors.status()
    } else if values.action.is_empty() || editable {
        StatusCode::OK
    } else {
        StatusCode::CONFLICT
    };
    let view = ManageView {
        when: meeting.when(ctx.lang),
        online_url: online_link(&meeting, registration.status == "confirmed"),
        modes: mode_choices(ctx.lang, &meeting, &counts),
        status,
        editable,
        mode_editable,
        page,
        agreement,
        meeting,
        registration,
        errors,
        values,
    };
    Ok((http_status, render(&view)).into_response())
}

async fn manage(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, secret)): Path<(String, String)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let (registration, meeting) = by_token(&state.db, &agreement, &secret).await?;
    manage_view(
        &state,
        &ctx,
        agreement,
        meeting,
        registration,
        None,
        Errors::new(),
    )
    .await
}

enum Changed {
    Saved,
    Cancelled,
    /// No seat in the mode asked for, and no waitlist.
    ModeFull,
    /// Cancelled already, or the meeting has begun or was cancelled.
    Locked,
}

/// Changes or cancels one registration under the meeting's lock; a seat it
/// frees goes to the first on the waitlist of that mode.
async fn apply_change(
    state: &AppState,
    agreement: &Agreement,
    registration_id: i64,
    meeting_id: i64,
    input: &ChangeInput,
) -> Result<Changed, sqlx::Error> {
    let (mut tx, meeting) = locked(&state.db, meeting_id).await?;
    let Some(meeting) = meeting else {
        return Ok(Changed::Locked);
    };
    let (status, mode): (String, String) =
        sqlx::query_as("SELECT status, mode FROM registrations WHERE id = $1")
            .bind(registration_id)
            .fetch_one(&mut *tx)
            .await?;
    let now = db::now();
    if status == "cancelled" || meeting.is_cancelled() || now >= meeting.starts_at {
        return Ok(Changed::Locked);
    }
    let mut freed = None;
    if input.action == "cancel" {
        sqlx::query(
            "UPDATE registrations SET status = 'cancelled', cancelled_at = $1, updated_at = $1
             WHERE id = $2",
        )
        .bind(&now)
        .bind(registration_id)
        .execute(&mut *tx)
        .await?;
        if status == "confirmed" {
            freed = Some(mode.clone());
        }
    } else {
        let mut new_status = status.clone();
        if input.mode != mode {
            let confirmed = confirmed_in(&mut tx, meeting.id, &input.mode).await?;
            if has_seat(&meeting, &input.mode, confirmed) {
                new_status = "confirmed".into();
            } else if status == "waitlisted" {
                // Stays in line, now for the other mode.
            } else {
                return Ok(Changed::ModeFull);
            }
            if status == "confirmed" {
                freed = Some(mode.clone());
            }
        }
        sqlx::query(
            "UPDATE registrations SET name = $1, mode = $2, status = $3, dietary = $4,
                 accessibility = $5, message = $6, updated_at = $7,
                 confirmed_at = CASE WHEN $3 = 'confirmed' THEN COALESCE(confirmed_at, $7) ELSE confirmed_at END
             WHERE id = $8",
        )
        .bind(input.name.trim())
        .bind(&input.mode)
        .bind(&new_status)
        .bind(input.dietary.trim())
        .bind(input.accessibility.trim())
        .bind(input.message.trim())
        .bind(&now)
        .bind(registration_id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(mode) = freed {
        promote(&mut tx, &state.config, agreement, &meeting, &mode).await?;
    }
    tx.commit().await?;
    Ok(if input.action == "cancel" {
        Changed::Cancelled
    } else {
        Changed::Saved
    })
}

async fn change(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, secret)): Path<(String, String)>,
    CsrfForm(mut input): CsrfForm<ChangeInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let (registration, meeting) = by_token(&state.db, &agreement, &secret).await?;
    let mut errors = Errors::new();
    if input.action != "cancel" {
        input.action = "save".into();
        check_name(&mut errors, &input.name);
        if meeting.registration_state(&db::now()) != RegistrationState::Open
            || input.mode.is_empty()
        {
            // The mode is kept once registration has closed.
            input.mode = registration.mode.clone();
        }
        input.mode = check_mode(&mut errors, &meeting, &input.mode);
        check_text(&mut errors, "dietary", &input.dietary);
        check_text(&mut errors, "accessibility", &input.accessibility);
        check_text(&mut errors, "message", &input.message);
        if !errors.is_empty() {
            return manage_view(
                &state,
                &ctx,
                agreement,
                meeting,
                registration,
                Some(input),
                errors,
            )
            .await;
        }
    }
    let changed =
        retrying(|| apply_change(&state, &agreement, registration.id, meeting.id, &input)).await?;
    let flash_key = match changed {
        Changed::Saved => "flash-saved",
        Changed::Cancelled => "flash-registration-cancelled",
        Changed::ModeFull => {
            errors.add("mode", "register-error-mode-full");
            return manage_view(
                &state,
                &ctx,
                agreement,
                meeting,
                registration,
                Some(input),
                errors,
            )
            .await;
        }
        Changed::Locked => {
            return manage_view(
                &state,
                &ctx,
                agreement,
                meeting,
                registration,
                Some(input),
                errors,
            )
            .await;
        }
    };
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        flash_key,
        &format!("/{}/registrations/{secret}", agreement.slug),
    ))
}

// ---------------------------------------------------------------------------
// The organisers' list, exports, print and attendance

/// Every registration of a meeting: confirmed, then the waitlist in order,
/// then the cancelled.
async fn all_of(db: &Db, meeting_id: i64) -> Result<Vec<Registration>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REGISTRATION_COLUMNS} {REGISTRATION_FROM} WHERE r.meeting_id = $1
         ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                  r.mode, r.id"
    ))
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await
}

/// A registration as the organisers see it.
pub struct Line {
    pub registration: Registration,
    pub mode: String,
    /// Place on the waitlist of its mode.
    pub position: Option<i64>,
    pub registered: String,
}

fn lines(lang: Lang, registrations: Vec<Registration>) -> Vec<Line> {
    let mut positions: HashMap<String, i64> = HashMap::new();
    registrations
        .into_iter()
        .map(|r| {
            let position = (r.status == "waitlisted").then(|| {
                let n = positions.entry(r.mode.clone()).or_default();
                *n += 1;
                *n
            });
            Line {
                mode: lang.t(&format!("meeting-mode-{}", r.mode)),
                registered: super::time::moment(lang, &r.created_at),
                position,
                registration: r,
            }
        })
        .collect()
}

/// Seats of one mode against what is taken.
pub struct ModeCount {
    pub mode: String,
    pub capacity: String,
    pub confirmed: i64,
    pub waitlisted: i64,
}

/// The meeting of an agreement, for its editors only.
async fn for_organisers(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: i64,
) -> AppResult<(Agreement, Meeting)> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
    ctx.require_editor(agreement.id)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    Ok((agreement, meeting))
}

#[derive(Template)]
#[template(path = "meetings/templates/registrations.html")]
struct ListView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    when: String,
    counts: Vec<ModeCount>,
    confirmed: Vec<Line>,
    waitlisted: Vec<Line>,
    cancelled: Vec<Line>,
}

impl ListView {
    fn attended(&self, line: &Line) -> bool {
        line.registration.attended == Some(1)
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, meeting) = for_organisers(&state, &ctx, &slug, id).await?;
    let all = lines(ctx.lang, all_of(&state.db, meeting.id).await?);
    let counted = counts(&state.db, meeting.id).await?;
    let counts = meeting
        .modes()
        .into_iter()
        .map(|mode| ModeCount {
            mode: ctx.t(&format!("meeting-mode-{mode}")),
            capacity: meeting
                .capacity(mode)
                .map_or_else(|| ctx.t("registrations-unlimited"), |c| c.to_string()),
            confirmed: counted.confirmed(mode),
            waitlisted: counted.waitlisted(mode),
        })
        .collect();
    let (confirmed, rest): (Vec<Line>, Vec<Line>) = all
        .into_iter()
        .partition(|l| l.registration.status == "confirmed");
    let (waitlisted, cancelled): (Vec<Line>, Vec<Line>) = rest
        .into_iter()
        .partition(|l| l.registration.status == "waitlisted");
    let mut page = Page::titled(
        &ctx,
        ctx.lang
            .t_with("registrations-title", &[("meeting", meeting.title.clone())]),
    );
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ListView {
        when: meeting.when(ctx.lang),
        page,
        agreement,
        meeting,
        counts,
        confirmed,
        waitlisted,
        cancelled,
    }))
}

pub const EXPORT_HEADER: [&str; 11] = [
    "name",
    "email",
    "organisation",
    "mode",
    "status",
    "waitlist_position",
    "dietary",
    "accessibility",
    "message",
    "registered_at",
    "attended",
];

async fn export_table(state: &AppState, ctx: &Ctx, slug: &str, id: i64) -> AppResult<Table<11>> {
    let (agreement, meeting) = for_organisers(state, ctx, slug, id).await?;
    let rows = lines(ctx.lang, all_of(&state.db, meeting.id).await?)
        .into_iter()
        .map(|l| {
            let r = l.registration;
            [
                r.name,
                r.email,
                r.organisation,
                r.mode,
                r.status,
                l.position.map(|p| p.to_string()).unwrap_or_default(),
                r.dietary,
                r.accessibility,
                r.message,
                r.created_at,
                match r.attended {
                    Some(1) => "yes",
                    Some(_) => "no",
                    None => "",
                }
                .to_string(),
            ]
        })
        .collect();
    Ok(Table {
        file_stem: format!("{}-meeting-{}-registrations", agreement.slug, meeting.id),
        sheet: "registrations",
        header: EXPORT_HEADER,
        rows,
    })
}

/// A cell a spreadsheet would run as a formula is made plain text by a
/// leading apostrophe (OWASP's advice against CSV injection): names and
/// messages are typed by anyone.
pub fn csv_safe(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

async fn export_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let mut table = export_table(&state, &ctx, &slug, id).await?;
    table.rows = table
        .rows
        .into_iter()
        .map(|row| row.map(csv_safe))
        .collect();
    table.csv()
}

/// XLSX cells are written as strings, never formulas: no escaping needed.
async fn export_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    export_table(&state, &ctx, &slug, id).await?.xlsx()
}

#[derive(Template)]
#[template(path = "meetings/templates/registrations_print.html")]
struct PrintView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    when: String,
    place: String,
    lines: Vec<Line>,
}

/// The participant list to sign at the door.
async fn print(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, meeting) = for_organisers(&state, &ctx, &slug, id).await?;
    let mut lines: Vec<Line> = lines(ctx.lang, all_of(&state.db, meeting.id).await?)
        .into_iter()
        .filter(|l| l.registration.status == "confirmed")
        .collect();
    lines.sort_by_key(|l| l.registration.name.to_lowercase());
    let mut page = Page::titled(
        &ctx,
        ctx.lang.t_with(
            "registrations-print-title",
            &[("meeting", meeting.title.clone())],
        ),
    );
    page.for_agreement(&ctx, &agreement);
    Ok(render(&PrintView {
        when: meeting.when(ctx.lang),
        place: venue(&meeting),
        page,
        agreement,
        meeting,
        lines,
    }))
}

/// Marks who came: every listed registration is set to attended or not.
async fn attendance(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, meeting) = for_organisers(&state, &ctx, &slug, id).await?;
    let present: Vec<i64> = form
        .all("attended")
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    let mut tx = state.db.pool.begin().await?;
    for listed in form
        .all("listed")
        .iter()
        .filter_map(|v| v.parse::<i64>().ok())
    {
        sqlx::query(
            "UPDATE registrations SET attended = $1, updated_at = $2
             WHERE id = $3 AND meeting_id = $4",
        )
        .bind(i64::from(present.contains(&listed)))
        .bind(db::now())
        .bind(listed)
        .bind(meeting.id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-attendance-saved",
        &format!("{}/registrations", meeting.path(&agreement.slug)),
    ))
}
