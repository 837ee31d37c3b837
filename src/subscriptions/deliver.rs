//! Delivery: what is due goes to each confirmed subscriber through the
//! outbox, at once or as a digest. A row in `subscription_deliveries` is
//! written in the same transaction as the mail, and its key refuses a second
//! one, so no event reaches anyone twice whichever process runs this.

use std::time::Duration;

use super::{COLUMNS, Subscription, TOPICS, new_link};
use crate::db;
use crate::mail;
use crate::meetings::time;
use crate::web::AppState;
use crate::web::i18n::Lang;

const DAY: Duration = Duration::from_secs(24 * 3600);

#[derive(sqlx::FromRow)]
struct Due {
    id: i64,
    topic: String,
    object_id: i64,
}

/// One line of a mail: what happened, and where to read it.
struct Item {
    event_id: i64,
    topic: String,
    title: String,
    when: Option<String>,
    url: String,
}

/// Sends every subscriber what is due at `now` (a stored UTC timestamp).
/// Returns how many mails were queued.
pub async fn deliver_due(state: &AppState, now: &str) -> Result<usize, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS}, a.slug, a.short_name FROM subscriptions s
         JOIN agreements a ON a.id = s.agreement_id
         WHERE s.confirmed_at IS NOT NULL ORDER BY s.id"
    );
    let rows: Vec<(Subscription, String, String)> = {
        use sqlx::Row;
        let raw = sqlx::query(&sql).fetch_all(&state.db.pool).await?;
        let mut out = Vec::with_capacity(raw.len());
        for r in raw {
            let sub: Subscription = sqlx::FromRow::from_row(&r)?;
            out.push((sub, r.try_get("slug")?, r.try_get("short_name")?));
        }
        out
    };
    let mut sent = 0;
    for (sub, slug, short_name) in rows {
        match deliver_one(state, now, &sub, &slug, &short_name).await {
            Ok(n) => sent += n,
            // Unsubscribed while this ran: its rows are gone, nothing to send.
            Err(e) if is_foreign_key_violation(&e) => {}
            Err(e) => return Err(e),
        }
    }
    if sent > 0 {
        state.mail_queued.notify_one();
    }
    Ok(sent)
}

fn is_foreign_key_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_foreign_key_violation())
}

async fn deliver_one(
    state: &AppState,
    now: &str,
    sub: &Subscription,
    slug: &str,
    short_name: &str,
) -> Result<usize, sqlx::Error> {
    let confirmed_at = sub.confirmed_at.as_deref().unwrap_or(now);
    // An article scheduled before the confirmation but published after it
    // is news to the subscriber too.
    let due: Vec<Due> = sqlx::query_as(
        "SELECT e.id, e.topic, e.object_id FROM subscription_events e
         WHERE e.agreement_id = $1 AND e.visible_at <= $2
           AND (e.created_at >= $3 OR e.visible_at >= $3)
           AND ((e.topic = 'news' AND $4 = 1) OR (e.topic = 'meetings' AND $5 = 1)
                OR (e.topic = 'minutes' AND $6 = 1))
           AND NOT EXISTS (SELECT 1 FROM subscription_deliveries d
                           WHERE d.subscription_id = $7 AND d.event_id = e.id)
         ORDER BY e.visible_at, e.id",
    )
    .bind(sub.agreement_id)
    .bind(now)
    .bind(confirmed_at)
    .bind(sub.news)
    .bind(sub.meetings)
    .bind(sub.minutes)
    .bind(sub.id)
    .fetch_all(&state.db.pool)
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let lang = sub.lang();
    let mut items = Vec::new();
    for d in &due {
        if let Some(item) = item(state, lang, sub.agreement_id, slug, now, d).await? {
            items.push(item);
        }
    }
    if items.is_empty() {
        return Ok(0);
    }
    match sub.frequency.as_str() {
        "daily" | "weekly" => {
            let every = if sub.frequency == "daily" {
                DAY
            } else {
                DAY * 7
            };
            digest(state, now, sub, short_name, &items, every).await
        }
        _ => {
            let mut sent = 0;
            for item in &items {
                sent += at_once(state, now, sub, short_name, item).await?;
            }
            Ok(sent)
        }
    }
}

/// The event's object as a mail line, if it still exists and is public.
async fn item(
    state: &AppState,
    lang: Lang,
    agreement_id: i64,
    slug: &str,
    now: &str,
    due: &Due,
) -> Result<Option<Item>, sqlx::Error> {
    let pool = &state.db.pool;
    let (title, when, path) = match due.topic.as_str() {
        "news" => {
            let title: Option<String> = sqlx::query_scalar(
                "SELECT title FROM news WHERE id = $1 AND agreement_id = $2
                   AND publish_at IS NOT NULL AND publish_at <= $3",
            )
            .bind(due.object_id)
            .bind(agreement_id)
            .bind(now)
            .fetch_optional(pool)
            .await?;
            let Some(title) = title else { return Ok(None) };
            (title, None, format!("/{slug}/news/{}", due.object_id))
        }
        "meetings" => {
            let row: Option<(String, String, String)> = sqlx::query_as(
                "SELECT title, starts_at, ends_at FROM meetings
                 WHERE id = $1 AND agreement_id = $2 AND cancelled_at IS NULL",
            )
            .bind(due.object_id)
            .bind(agreement_id)
            .fetch_optional(pool)
            .await?;
            let Some((title, starts_at, ends_at)) = row else {
                return Ok(None);
            };
            (
                title,
                Some(time::span(lang, &starts_at, &ends_at)),
                format!("/{slug}/meetings/{}", due.object_id),
            )
        }
        "minutes" => {
            let row: Option<(i64, String)> = sqlx::query_as(
                "SELECT m.meeting_id, mt.title FROM minutes m JOIN meetings mt ON mt.id = m.meeting_id
                 WHERE m.id = $1 AND mt.agreement_id = $2 AND m.state = 'published'",
            )
            .bind(due.object_id)
            .bind(agreement_id)
            .fetch_optional(pool)
            .await?;
            let Some((meeting_id, title)) = row else {
                return Ok(None);
            };
            (
                title,
                None,
                format!("/{slug}/meetings/{meeting_id}/minutes"),
            )
        }
        _ => return Ok(None),
    };
    Ok(Some(Item {
        event_id: due.id,
        topic: due.topic.clone(),
        title,
        when,
        url: state.config.absolute(&path),
    }))
}

/// Records the delivery; false when some process already has.
async fn claim(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    subscription_id: i64,
    event_id: i64,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO subscription_deliveries (subscription_id, event_id, sent_at) VALUES ($1, $2, $3)
         ON CONFLICT (subscription_id, event_id) DO NOTHING",
    )
    .bind(subscription_id)
    .bind(event_id)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

fn item_lines(item: &Item, out: &mut Vec<String>) {
    out.push(item.title.clone());
    if let Some(when) = &item.when {
        out.push(when.clone());
    }
    out.push(item.url.clone());
}

/// The end of every mail: the manage link and the unsubscribe link, each
/// mail with a fresh secret.
async fn finish_and_send(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    sub: &Subscription,
    subject: &str,
    mut lines: Vec<String>,
) -> Result<(), sqlx::Error> {
    let lang = sub.lang();
    let secret = new_link(&mut **tx, sub.id, "manage", None).await?;
    let manage = state.config.absolute(&format!("/subscriptions/{secret}"));
    let unsubscribe = state
        .config
        .absolute(&format!("/subscriptions/{secret}/unsubscribe"));
    lines.push(String::new());
    lines.push("-- ".into());
    lines.push(lang.t_with("sub-mail-footer-manage", &[("url", manage)]));
    lines.push(lang.t_with(
        "sub-mail-footer-unsubscribe",
        &[("url", unsubscribe.clone())],
    ));
    mail::enqueue_list(
        &mut **tx,
        &sub.email,
        subject,
        &lines.join("\n"),
        &unsubscribe,
    )
    .await
}

async fn at_once(
    state: &AppState,
    now: &str,
    sub: &Subscription,
    short_name: &str,
    item: &Item,
) -> Result<usize, sqlx::Error> {
    let lang = sub.lang();
    // The first statement writes, so that SQLite takes the write lock at once.
    let mut tx = state.db.pool.begin().await?;
    if !claim(&mut tx, sub.id, item.event_id, now).await? {
        tx.rollback().await?;
        return Ok(0);
    }
    let subject = format!("{short_name}: {}", item.title);
    let mut lines = vec![
        lang.t_with(
            &format!("sub-mail-new-{}", item.topic),
            &[("agreement", short_name.to_string())],
        ),
        String::new(),
    ];
    item_lines(item, &mut lines);
    finish_and_send(&mut tx, state, sub, &subject, lines).await?;
    tx.commit().await?;
    Ok(1)
}

async fn digest(
    state: &AppState,
    now: &str,
    sub: &Subscription,
    short_name: &str,
    items: &[Item],
    every: Duration,
) -> Result<usize, sqlx::Error> {
    let now_ts: jiff::Timestamp = now
        .parse()
        .map_err(|e| sqlx::Error::Protocol(format!("bad time {now:?}: {e}")))?;
    let cutoff = db::timestamp(
        now_ts
            .checked_sub(jiff::SignedDuration::try_from(every).unwrap_or_default())
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?,
    );
    let mut tx = state.db.pool.begin().await?;
    // Taking the turn first: of two processes, only one sends this digest.
    let turn = sqlx::query(
        "UPDATE subscriptions SET last_digest_at = $1
         WHERE id = $2 AND (last_digest_at IS NULL OR last_digest_at <= $3)",
    )
    .bind(now)
    .bind(sub.id)
    .bind(&cutoff)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if turn == 0 {
        tx.rollback().await?;
        return Ok(0);
    }
    let mut included = Vec::new();
    for item in items {
        if claim(&mut tx, sub.id, item.event_id, now).await? {
            included.push(item);
        }
    }
    if included.is_empty() {
        tx.rollback().await?;
        return Ok(0);
    }
    let lang = sub.lang();
    let subject = lang.t_with(
        &format!("sub-mail-digest-subject-{}", sub.frequency),
        &[
            ("agreement", short_name.to_string()),
            ("count", included.len().to_string()),
        ],
    );
    let mut lines = vec![lang.t_with(
        "sub-mail-digest-intro",
        &[("agreement", short_name.to_string())],
    )];
    for topic in TOPICS {
        let of_topic: Vec<&&Item> = included.iter().filter(|i| i.topic == topic).collect();
        if of_topic.is_empty() {
            continue;
        }
        lines.push(String::new());
        lines.push(lang.t(&format!("sub-mail-heading-{topic}")));
        for item in of_topic {
            lines.push(String::new());
            item_lines(item, &mut lines);
        }
    }
    finish_and_send(&mut tx, state, sub, &subject, lines).await?;
    tx.commit().await?;
    Ok(1)
}
