//! The notice (kallelse): the meeting and its agenda by e-mail, to the
//! body's members for a body's meeting, or to every signatory organisation's
//! representatives for an open meeting.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

use super::model::{self, Meeting};
use crate::agreements::{self, Agreement};
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::CsrfPairs;
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new().route("/{slug}/meetings/{id}/notice", get(preview).post(send))
}

/// Who gets the notice: one address each, in a stable order.
pub async fn recipients(db: &Db, meeting: &Meeting) -> Result<Vec<String>, sqlx::Error> {
    let day = db::today();
    let mut addresses: Vec<String> = match meeting.body_id {
        Some(body_id) => {
            sqlx::query_scalar(
                "SELECT COALESCE(NULLIF(p.work_email, ''), u.email)
                 FROM memberships m JOIN people p ON p.id = m.person_id
                 LEFT JOIN users u ON u.id = p.user_id
                 WHERE m.body_id = $1 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2)",
            )
            .bind(body_id)
            .bind(&day)
            .fetch_all(&db.pool)
            .await?
        }
        None => {
            sqlx::query_scalar(
                "SELECT u.email FROM signatories s
                 JOIN organisation_representatives r ON r.organisation_id = s.organisation_id
                 JOIN users u ON u.id = r.user_id
                 WHERE s.agreement_id = $1 AND s.joined_on <= $2
                   AND (s.left_on IS NULL OR s.left_on > $2)",
            )
            .bind(meeting.agreement_id)
            .bind(&day)
            .fetch_all(&db.pool)
            .await?
        }
    };
    let mut seen = std::collections::HashSet::new();
    addresses.retain(|a| !a.is_empty() && seen.insert(a.to_lowercase()));
    addresses.sort();
    Ok(addresses)
}

/// The notice as plain text: what, when, where, the agenda and the link.
async fn text(
    db: &Db,
    config: &crate::config::Config,
    lang: Lang,
    agreement: &Agreement,
    meeting: &Meeting,
) -> Result<String, sqlx::Error> {
    let mut out = lang.t_with(
        "meeting-notice-intro",
        &[
            ("title", meeting.title.clone()),
            ("when", meeting.when(lang)),
        ],
    );
    out.push_str("\n\n");
    if meeting.format != "online" && !meeting.venue_name.is_empty() {
        out.push_str(&format!(
            "{}: {}{}\n",
            lang.t("meeting-where"),
            meeting.venue_name,
            if meeting.venue_address.is_empty() {
                String::new()
            } else {
                format!(", {}", meeting.venue_address)
            }
        ));
    }
    // The members' own notice may carry a link meant for members.
    if meeting.format != "in_person" && !meeting.online_url.is_empty() {
        let shown = match meeting.link_visibility.as_str() {
            "members" => meeting.body_id.is_some(),
            "registered" => false,
            _ => true,
        };
        if shown {
            out.push_str(&format!(
                "{}: {}\n",
                lang.t("meeting-online-link"),
                meeting.online_url
            ));
        }
    }
    let agenda = model::agenda(db, meeting.id).await?;
    if !agenda.is_empty() {
        out.push_str(&format!("\n{}\n", lang.t("meeting-agenda")));
        for (i, item) in agenda.iter().enumerate() {
            out.push_str(&format!("{}. ", i + 1));
            if !item.starts_time.is_empty() {
                out.push_str(&format!("{} ", item.starts_time));
            }
            out.push_str(&item.title);
            if !item.presenter.is_empty() {
                out.push_str(&format!(" ({})", item.presenter));
            }
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&config.absolute(&meeting.path(&agreement.slug)));
    out.push('\n');
    Ok(out)
}

#[derive(Template)]
#[template(path = "meetings/templates/notice.html")]
struct NoticeView {
    page: Page,
    agreement: Agreement,
    meeting: Meeting,
    count: usize,
    text: String,
    sent: Option<String>,
}

async fn preview(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let count = recipients(&state.db, &meeting).await?.len();
    let text = text(&state.db, &state.config, ctx.lang, &agreement, &meeting).await?;
    let mut page = Page::titled(
        &ctx,
        format!("{}: {}", ctx.t("meeting-notice"), meeting.title),
    );
    page.for_agreement(&ctx, &agreement);
    Ok(render(&NoticeView {
        sent: meeting
            .notice_sent_at
            .as_deref()
            .map(|t| super::time::moment(ctx.lang, t)),
        page,
        agreement,
        meeting,
        count,
        text,
    }))
}

async fn send(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    _form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    let to = recipients(&state.db, &meeting).await?;
    let body = text(&state.db, &state.config, ctx.lang, &agreement, &meeting).await?;
    let subject = format!("{}: {}", ctx.t("meeting-notice-subject"), meeting.title);
    let calendar = crate::mail::Attachment {
        name: format!("meeting-{}.ics", meeting.id),
        content_type: super::ical::MIME.to_string(),
        body: super::ical::single(&state.config, &agreement, &meeting),
    };
    let mut tx = state.db.pool.begin().await?;
    for address in &to {
        crate::mail::enqueue_with_attachment(&mut *tx, address, &subject, &body, &calendar).await?;
    }
    let now = db::now();
    sqlx::query("UPDATE meetings SET notice_sent_at = $1 WHERE id = $2")
        .bind(&now)
        .bind(meeting.id)
        .execute(&mut *tx)
        .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "meeting.notice",
        format!("{id}: {} recipients", to.len()),
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "meeting-notice-sent",
        &meeting.path(&agreement.slug),
    ))
}
