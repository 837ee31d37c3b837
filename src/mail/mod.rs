//! E-mail: every message is written to the outbox table in the same breath
//! as the change that causes it, and a worker in each process sends it by
//! SMTP (or, without SMTP, writes it to the log). Administrators can read
//! the outbox.

use std::time::Duration;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Config, SmtpSecurity};
use crate::db::{self, Db};
use crate::web::layout::{Page, render};
use crate::web::{AppResult, AppState, Ctx};

const MAX_ATTEMPTS: i64 = 10;
/// How long a worker may hold a message before another may try it.
const LEASE: Duration = Duration::from_secs(120);
const POLL: Duration = Duration::from_secs(5);

/// Queues a message. Pass a transaction to make the mail part of the change
/// that causes it: both are kept, or neither.
pub async fn enqueue<'e, E>(
    executor: E,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    insert(executor, to, subject, body, None, None).await
}

/// Queues a message to a list's subscriber. `unsubscribe_url` is an absolute
/// address where a bare POST unsubscribes; the sender adds the RFC 8058
/// `List-Unsubscribe` and `List-Unsubscribe-Post` headers for it.
pub async fn enqueue_list<'e, E>(
    executor: E,
    to: &str,
    subject: &str,
    body: &str,
    unsubscribe_url: &str,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    insert(executor, to, subject, body, None, Some(unsubscribe_url)).await
}

/// A file sent along with a message, such as a meeting's .ics.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The file name the recipient sees, e.g. "meeting.ics".
    pub name: String,
    /// Its MIME type, e.g. "text/calendar; charset=utf-8; method=PUBLISH".
    pub content_type: String,
    pub body: String,
}

/// Queues a message with one attachment; sent as multipart/mixed.
pub async fn enqueue_with_attachment<'e, E>(
    executor: E,
    to: &str,
    subject: &str,
    body: &str,
    attachment: &Attachment,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    insert(executor, to, subject, body, Some(attachment), None).await
}

async fn insert<'e, E>(
    executor: E,
    to: &str,
    subject: &str,
    body: &str,
    attachment: Option<&Attachment>,
    list_unsubscribe: Option<&str>,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at,
                             attachment_name, attachment_type, attachment_body, list_unsubscribe)
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)",
    )
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(db::now())
    .bind(attachment.map(|a| a.name.clone()))
    .bind(attachment.map(|a| a.content_type.clone()))
    .bind(attachment.map(|a| a.body.clone()))
    .bind(list_unsubscribe)
    .execute(executor)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Claimed {
    id: i64,
    recipient: String,
    subject: String,
    body: String,
    attempts: i64,
    attachment_name: Option<String>,
    attachment_type: Option<String>,
    attachment_body: Option<String>,
    list_unsubscribe: Option<String>,
}

impl Claimed {
    fn attachment(&self) -> Option<Attachment> {
        match (
            &self.attachment_name,
            &self.attachment_type,
            &self.attachment_body,
        ) {
            (Some(name), Some(content_type), Some(body)) => Some(Attachment {
                name: name.clone(),
                content_type: content_type.clone(),
                body: body.clone(),
            }),
            _ => None,
        }
    }
}

enum Transport {
    Log,
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

fn transport(config: &Config) -> Result<Transport, lettre::transport::smtp::Error> {
    let Some(smtp) = &config.smtp else {
        return Ok(Transport::Log);
    };
    let mut builder = match smtp.security {
        SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)?,
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)?,
        SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
    };
    if let Some(port) = smtp.port {
        builder = builder.port(port);
    }
    if let (Some(u), Some(p)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(Transport::Smtp(
        builder.timeout(Some(Duration::from_secs(30))).build(),
    ))
}

/// Runs until the process ends, sending what is due.
pub async fn run_worker(state: AppState) {
    let transport = match transport(&state.config) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "SMTP is misconfigured; mail stays in the outbox");
            return;
        }
    };
    loop {
        match send_due(&state.db, &state.config, &transport).await {
            Ok(0) => {}
            Ok(_) => continue,
            Err(e) => tracing::warn!(error = %e, "mail worker could not reach the database"),
        }
        tokio::select! {
            _ = state.mail_queued.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Sends every message that is due; returns how many were tried.
pub async fn send_all_due(state: &AppState) -> Result<usize, sqlx::Error> {
    let transport = transport(&state.config).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    send_due(&state.db, &state.config, &transport).await
}

async fn send_due(db: &Db, config: &Config, transport: &Transport) -> Result<usize, sqlx::Error> {
    let mut tried = 0;
    while let Some(mail) = claim(db).await? {
        tried += 1;
        match deliver(config, transport, &mail).await {
            Ok(how) => {
                let _turn = db.write_turn().await;
                sqlx::query(
                    "UPDATE outbox SET sent_at = $1, delivery = $2, locked_until = NULL, last_error = NULL
                     WHERE id = $3",
                )
                .bind(db::now())
                .bind(how)
                .bind(mail.id)
                .execute(&db.pool)
                .await?;
            }
            Err(error) => {
                tracing::warn!(id = mail.id, attempts = mail.attempts, %error, "mail not sent");
                // Back off 1, 2, 4 ... minutes; after the last attempt it waits for a person.
                let retry = if mail.attempts >= MAX_ATTEMPTS {
                    "9999-12-31T00:00:00.000000Z".to_string()
                } else {
                    db::from_now(Duration::from_secs(60 << (mail.attempts - 1).clamp(0, 10)))
                };
                let _turn = db.write_turn().await;
                sqlx::query(
                    "UPDATE outbox SET next_attempt_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
                )
                .bind(retry)
                .bind(error)
                .bind(mail.id)
                .execute(&db.pool)
                .await?;
            }
        }
    }
    Ok(tried)
}

/// Takes one due message with a lease. The conditions are repeated in the
/// outer WHERE so that two processes racing for one row cannot both win.
async fn claim(db: &Db) -> Result<Option<Claimed>, sqlx::Error> {
    let now = db::now();
    let _turn = db.write_turn().await;
    sqlx::query_as(
        "UPDATE outbox SET locked_until = $1, attempts = attempts + 1
         WHERE id = (SELECT id FROM outbox
                     WHERE sent_at IS NULL AND next_attempt_at <= $2
                       AND (locked_until IS NULL OR locked_until < $2)
                     ORDER BY id LIMIT 1)
           AND sent_at IS NULL AND (locked_until IS NULL OR locked_until < $2)
         RETURNING id, recipient, subject, body, attempts,
                   attachment_name, attachment_type, attachment_body, list_unsubscribe",
    )
    .bind(db::from_now(LEASE))
    .bind(&now)
    .fetch_optional(&db.pool)
    .await
}

async fn deliver(
    config: &Config,
    transport: &Transport,
    mail: &Claimed,
) -> Result<&'static str, String> {
    match transport {
        Transport::Log => {
            let attachment = mail.attachment_name.as_deref().unwrap_or("");
            tracing::info!(to = %mail.recipient, subject = %mail.subject, body = %mail.body, attachment, "mail (no SMTP configured)");
            Ok("log")
        }
        Transport::Smtp(smtp) => {
            let message = message(config, mail)?;
            smtp.send(message).await.map_err(|e| e.to_string())?;
            Ok("smtp")
        }
    }
}

/// `List-Unsubscribe: <https://...>` (RFC 2369).
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the mail
/// client may unsubscribe by a POST, without opening a page.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}

/// The message as sent over SMTP.
fn message(config: &Config, mail: &Claimed) -> Result<Message, String> {
    let from: Mailbox = config.mail_from.parse().map_err(|e| format!("from: {e}"))?;
    let to: Mailbox = mail.recipient.parse().map_err(|e| format!("to: {e}"))?;
    let mut builder = Message::builder().from(from).to(to).subject(&mail.subject);
    if let Some(url) = &mail.list_unsubscribe {
        builder = builder
            .header(ListUnsubscribe(url.clone()))
            .header(ListUnsubscribePost);
    }
    match mail.attachment() {
        None => builder
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone()),
        Some(a) => {
            let content_type =
                ContentType::parse(&a.content_type).map_err(|e| format!("attachment type: {e}"))?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(mail.body.clone()))
                    .singlepart(MimeAttachment::new(a.name).body(a.body, content_type)),
            )
        }
    }
    .map_err(|e| e.to_string())
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/outbox", get(outbox_page))
}

#[derive(sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub attempts: i64,
    pub sent_at: Option<String>,
    pub delivery: Option<String>,
    pub last_error: Option<String>,
}

#[derive(Template)]
#[template(path = "mail/templates/outbox.html")]
struct OutboxView {
    page: Page,
    mails: Vec<OutboxRow>,
}

async fn outbox_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_instance_admin()?;
    let mails = sqlx::query_as(
        "SELECT id, recipient, subject, body, created_at, attempts, sent_at, delivery, last_error
         FROM outbox ORDER BY id DESC LIMIT 200",
    )
    .fetch_all(&state.db.pool)
    .await?;
    Ok(render(&OutboxView {
        page: Page::new(&ctx, "outbox-title"),
        mails,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claimed(list_unsubscribe: Option<&str>) -> Claimed {
        Claimed {
            id: 1,
            recipient: "anna@example.se".into(),
            subject: "Nytt".into(),
            body: "Hej".into(),
            attempts: 1,
            attachment_name: None,
            attachment_type: None,
            attachment_body: None,
            list_unsubscribe: list_unsubscribe.map(str::to_string),
        }
    }

    #[test]
    fn a_list_mail_has_the_one_click_unsubscribe_headers() {
        let config = Config::resolve(Default::default(), &Default::default()).unwrap();
        let url = "https://overens.example.se/subscriptions/abc/unsubscribe";
        let sent =
            String::from_utf8(message(&config, &claimed(Some(url))).unwrap().formatted()).unwrap();
        assert!(
            sent.contains(&format!("List-Unsubscribe: <{url}>\r\n")),
            "{sent}"
        );
        assert!(
            sent.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
            "{sent}"
        );
        let plain =
            String::from_utf8(message(&config, &claimed(None)).unwrap().formatted()).unwrap();
        assert!(!plain.contains("List-Unsubscribe"), "{plain}");
    }
}
