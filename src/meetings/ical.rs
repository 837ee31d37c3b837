//! iCalendar (RFC 5545) for one meeting, one body's meetings and all public
//! meetings of an agreement.
//!
//! Written here rather than with the `icalendar` crate: it cannot emit a
//! VTIMEZONE (a TODO in its 0.17 source), and times given with
//! TZID=Europe/Stockholm need one. The format is small; what matters is
//! escaping (§3.3.11), folding at 75 octets (§3.1) and CRLF endings.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::Meeting;
use super::model::{COLUMNS, FROM};
use crate::agreements::{self, Agreement};
use crate::config::Config;
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/meetings.ics", get(agreement_feed))
        .route("/{slug}/meetings/{id}/calendar.ics", get(one))
        .route("/{slug}/bodies/{body}/meetings.ics", get(body_feed))
}

pub const MIME: &str = "text/calendar; charset=utf-8";

/// Europe/Stockholm with the EU's rules since 1996: summer time from the
/// last Sunday of March at 01:00 UTC to the last Sunday of October.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Lines of one calendar; `finish` folds and joins them.
struct Calendar {
    lines: Vec<String>,
}

impl Calendar {
    fn new(name: &str) -> Calendar {
        let mut cal = Calendar { lines: Vec::new() };
        cal.raw("BEGIN:VCALENDAR");
        cal.raw("VERSION:2.0");
        cal.raw("PRODID:-//Överens//Överens//SV");
        cal.raw("CALSCALE:GREGORIAN");
        cal.raw("METHOD:PUBLISH");
        cal.text("X-WR-CALNAME", name);
        cal.raw("X-WR-TIMEZONE:Europe/Stockholm");
        for line in VTIMEZONE {
            cal.raw(line);
        }
        cal
    }

    fn raw(&mut self, line: &str) {
        self.lines.push(line.to_string());
    }

    fn text(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.lines.push(format!("{name}:{}", escape(value)));
        }
    }

    fn local_time(&mut self, name: &str, stored: &str) {
        if let Some(z) = super::time::local(stored) {
            self.lines.push(format!(
                "{name};TZID=Europe/Stockholm:{}",
                z.strftime("%Y%m%dT%H%M%S")
            ));
        }
    }

    fn utc_time(&mut self, name: &str, stored: &str) {
        if let Ok(t) = stored.parse::<jiff::Timestamp>() {
            self.lines
                .push(format!("{name}:{}", t.strftime("%Y%m%dT%H%M%SZ")));
        }
    }

    fn event(&mut self, config: &Config, agreement: &Agreement, meeting: &Meeting) {
        self.raw("BEGIN:VEVENT");
        self.text("UID", &uid(config, meeting));
        self.utc_time("DTSTAMP", &meeting.updated_at);
        self.utc_time("CREATED", &meeting.created_at);
        self.utc_time("LAST-MODIFIED", &meeting.updated_at);
        self.raw(&format!("SEQUENCE:{}", meeting.ical_sequence));
        self.local_time("DTSTART", &meeting.starts_at);
        self.local_time("DTEND", &meeting.ends_at);
        self.text("SUMMARY", &meeting.title);
        let url = config.absolute(&meeting.path(&agreement.slug));
        let mut description = meeting.description.clone();
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&url);
        self.text("DESCRIPTION", &description);
        let location = [meeting.venue_name.as_str(), meeting.venue_address.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        self.text("LOCATION", &location);
        self.text("URL", &url);
        if meeting.is_cancelled() {
            self.raw("STATUS:CANCELLED");
        } else {
            self.raw("STATUS:CONFIRMED");
        }
        self.raw("TRANSP:OPAQUE");
        self.raw("END:VEVENT");
    }

    fn finish(mut self) -> String {
        self.raw("END:VCALENDAR");
        let mut out = String::new();
        for line in &self.lines {
            fold_into(&mut out, line);
        }
        out
    }
}

/// Stable across renames and reschedules, unique across instances.
fn uid(config: &Config, meeting: &Meeting) -> String {
    let host = config
        .public_url
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "overens.invalid".to_string());
    format!("meeting-{}@{host}", meeting.id)
}

fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// One meeting as a calendar, for a download and for the confirmation mail.
pub fn single(config: &Config, agreement: &Agreement, meeting: &Meeting) -> String {
    let mut cal = Calendar::new(&meeting.title);
    cal.event(config, agreement, meeting);
    cal.finish()
}

fn feed(config: &Config, agreement: &Agreement, name: &str, meetings: &[Meeting]) -> String {
    let mut cal = Calendar::new(name);
    for meeting in meetings {
        cal.event(config, agreement, meeting);
    }
    cal.finish()
}

fn respond(body: String, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, MIME.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "public, max-age=300".to_string()),
        ],
        body,
    )
        .into_response()
}

/// A subscribed feed holds what is coming and the last year, not all history.
fn horizon() -> String {
    crate::db::ago(std::time::Duration::from_secs(366 * 24 * 3600))
}

async fn agreement_feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE m.agreement_id = $1 AND m.ends_at >= $2
         ORDER BY m.starts_at, m.id LIMIT 1000"
    );
    let meetings: Vec<Meeting> = sqlx::query_as(&sql)
        .bind(agreement.id)
        .bind(horizon())
        .fetch_all(&state.db.pool)
        .await?;
    let name = format!("{}: {}", agreement.short_name, ctx.t("meetings-title"));
    Ok(respond(
        feed(&state.config, &agreement, &name, &meetings),
        &format!("{}.ics", agreement.slug),
    ))
}

async fn body_feed(
    State(state): State<AppState>,
    Path((slug, body_slug)): Path<(String, String)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE m.agreement_id = $1 AND b.slug = $2 AND m.ends_at >= $3
         ORDER BY m.starts_at, m.id LIMIT 1000"
    );
    let meetings: Vec<Meeting> = sqlx::query_as(&sql)
        .bind(agreement.id)
        .bind(&body_slug)
        .bind(horizon())
        .fetch_all(&state.db.pool)
        .await?;
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM bodies WHERE agreement_id = $1 AND slug = $2")
            .bind(agreement.id)
            .bind(&body_slug)
            .fetch_optional(&state.db.pool)
            .await?;
    let name = name.ok_or(AppError::NotFound)?;
    Ok(respond(
        feed(
            &state.config,
            &agreement,
            &format!("{}: {name}", agreement.short_name),
            &meetings,
        ),
        &format!("{}-{body_slug}.ics", agreement.slug),
    ))
}

async fn one(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    Ok(respond(
        single(&state.config, &agreement, &meeting),
        &format!("meeting-{id}.ics"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "å".repeat(60));
        let mut out = String::new();
        fold_into(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }
}
