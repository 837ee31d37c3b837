//! News and press releases of an agreement: a list, an article page with
//! named contact persons and attachments, and Atom feeds per agreement and tag.
//!
//! An article is public from its `publish_at` (UTC) on; before that (or with
//! none, a draft) only the agreement's editors see it.

pub mod demo;
pub mod edit;
pub mod feed;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use crate::agreements::{self, Agreement};
use crate::bodies::phone::Phone;
use crate::db::{self, Db, Params};
use crate::web::i18n::Lang;
use crate::web::layout::{Alternate, Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub const KINDS: [&str; 2] = ["news", "press_release"];
const PER_PAGE: i64 = 20;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/news", get(list))
        .route("/{slug}/news.atom", get(feed::agreement_feed))
        .route("/{slug}/news/tags/{tag}", get(tag_page))
        .route("/{slug}/news/{id}", get(show))
        .merge(edit::routes())
}

// ---------------------------------------------------------------- model

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Article {
    pub id: i64,
    pub agreement_id: i64,
    pub kind: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub publish_at: Option<String>,
    pub meeting_id: Option<i64>,
    pub decision_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "n.id, n.agreement_id, n.kind, n.title, n.lead, n.body, n.publish_at,
    n.meeting_id, n.decision_id, n.created_at, n.updated_at";

/// The condition for an article the public may see, with the current time
/// as a placeholder.
fn public_sql(now: &str) -> String {
    format!("(n.publish_at IS NOT NULL AND n.publish_at <= {now})")
}

/// Where an article stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Scheduled,
    Published,
}

impl Article {
    /// One article of this agreement, public or (for editors) any.
    pub async fn find(db: &Db, agreement_id: i64, id: i64, editor: bool) -> AppResult<Article> {
        let sql = format!("SELECT {COLUMNS} FROM news n WHERE n.id = $1 AND n.agreement_id = $2");
        let a: Article = sqlx::query_as(&sql)
            .bind(id)
            .bind(agreement_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)?;
        if !editor && a.state(&db::now()) != Status::Published {
            return Err(AppError::NotFound);
        }
        Ok(a)
    }

    pub fn state(&self, now: &str) -> Status {
        match &self.publish_at {
            None => Status::Draft,
            Some(at) if at.as_str() > now => Status::Scheduled,
            Some(_) => Status::Published,
        }
    }

    pub fn path(&self, slug: &str) -> String {
        format!("/{slug}/news/{}", self.id)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Contact {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

pub async fn contacts(db: &Db, id: i64) -> Result<Vec<Contact>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, role, phone, email FROM news_contacts WHERE news_id = $1
         ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

pub async fn tags(db: &Db, id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT tag FROM news_tags WHERE news_id = $1 ORDER BY tag")
        .bind(id)
        .fetch_all(&db.pool)
        .await
}

/// A library document attached to an article, with its current file's type and size.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub title: String,
    pub content_type: Option<String>,
    pub size: Option<i64>,
}

/// The attached documents that are (still) public.
pub async fn attachments(db: &Db, id: i64) -> Result<Vec<Attachment>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.id, d.title, v.content_type, v.size FROM news_attachments na
         JOIN documents d ON d.id = na.document_id
         LEFT JOIN document_versions v ON v.document_id = d.id AND v.number = d.current_version
         WHERE na.news_id = $1 AND d.visibility = 'public'
         ORDER BY na.position, d.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The agreement's public documents an editor may attach: (id, title).
pub async fn document_choices(
    db: &Db,
    agreement_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, title FROM documents WHERE agreement_id = $1 AND visibility = 'public'
         ORDER BY document_date DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

/// The agreement's decisions an editor may link: (id, "date § text").
pub async fn decision_choices(
    db: &Db,
    agreement_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, decided_on, section_label, text FROM decisions WHERE agreement_id = $1
         ORDER BY decided_on DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, on, section, text)| {
            let short: String = text.chars().take(80).collect();
            let section = if section.is_empty() {
                String::new()
            } else {
                format!("{section} ")
            };
            (id, format!("{on} {section}{short}"))
        })
        .collect())
}

/// The Stockholm date of a stored instant, "2026-12-09".
fn local_date(stored: &str) -> String {
    crate::meetings::time::local(stored)
        .map(|z| z.date().to_string())
        .unwrap_or_else(|| stored.chars().take(10).collect())
}

/// "9 december 2026" for a stored instant.
pub fn long_day(lang: Lang, stored: &str) -> String {
    agreements::long_date(lang, &local_date(stored))
}

/// A tag as stored: trimmed, lower case, inner spaces collapsed.
pub fn normalise_tag(tag: &str) -> String {
    tag.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Percent-encodes a path segment (tags may hold spaces and å, ä, ö).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn tag_path(slug: &str, tag: &str) -> String {
    format!("/{slug}/news/tags/{}", encode_segment(tag))
}

pub fn tag_feed_path(slug: &str, tag: &str) -> String {
    format!("/{slug}/news/tags/{}.atom", encode_segment(tag))
}

/// "1,2 MB", "350 kB": the size of a file for people.
pub fn file_size(lang: Lang, bytes: i64) -> String {
    let (value, unit) = if bytes >= 1_000_000 {
        (bytes as f64 / 1_000_000.0, "MB")
    } else if bytes >= 1_000 {
        (bytes as f64 / 1_000.0, "kB")
    } else {
        return format!("{bytes} B");
    };
    let s = format!("{value:.1}");
    let s = match lang {
        Lang::Sv => s.replace('.', ","),
        Lang::En => s,
    };
    format!("{s} {unit}")
}

/// A short name of a file type: "PDF", "DOCX", or the MIME type as it is.
pub fn file_type(content_type: &str) -> String {
    match content_type {
        "application/pdf" => "PDF".into(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX".into(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX".into(),
        "application/vnd.oasis.opendocument.text" => "ODT".into(),
        "text/plain" => "TXT".into(),
        "text/csv" => "CSV".into(),
        other => other.to_string(),
    }
}

/// The newest published articles of an agreement, for its start page:
/// (path, title, date).
pub async fn latest(
    db: &Db,
    lang: Lang,
    slug: &str,
    agreement_id: i64,
    limit: i64,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT n.id, n.title, n.publish_at FROM news n
         WHERE n.agreement_id = $1 AND n.publish_at IS NOT NULL AND n.publish_at <= $2
         ORDER BY n.publish_at DESC, n.id DESC LIMIT $3",
    )
    .bind(agreement_id)
    .bind(db::now())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, at)| (format!("/{slug}/news/{id}"), title, long_day(lang, &at)))
        .collect())
}

/// The agreement's feed, for a page head.
pub fn feed_alternate(lang: Lang, agreement: &Agreement) -> Alternate {
    Alternate {
        mime: "application/atom+xml",
        title: lang.t_with(
            "news-feed-title",
            &[("agreement", agreement.short_name.clone())],
        ),
        href: format!("/{}/news.atom", agreement.slug),
    }
}

fn tag_alternate(lang: Lang, agreement: &Agreement, tag: &str) -> Alternate {
    Alternate {
        mime: "application/atom+xml",
        title: lang.t_with(
            "news-tag-feed-title",
            &[
                ("agreement", agreement.short_name.clone()),
                ("tag", tag.to_string()),
            ],
        ),
        href: tag_feed_path(&agreement.slug, tag),
    }
}

/// Every list page, every published article and the tags of published
/// articles, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let mut paths: Vec<String> = sqlx::query_scalar("SELECT slug FROM agreements ORDER BY slug")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|slug: String| format!("/{slug}/news"))
        .collect();
    let now = db::now();
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.slug, n.id FROM news n JOIN agreements a ON a.id = n.agreement_id
         WHERE n.publish_at IS NOT NULL AND n.publish_at <= $1 ORDER BY a.slug, n.id",
    )
    .bind(&now)
    .fetch_all(&db.pool)
    .await?;
    paths.extend(
        rows.into_iter()
            .map(|(slug, id)| format!("/{slug}/news/{id}")),
    );
    let tags: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT a.slug, t.tag FROM news_tags t JOIN news n ON n.id = t.news_id
         JOIN agreements a ON a.id = n.agreement_id
         WHERE n.publish_at IS NOT NULL AND n.publish_at <= $1 ORDER BY a.slug, t.tag",
    )
    .bind(&now)
    .fetch_all(&db.pool)
    .await?;
    paths.extend(tags.into_iter().map(|(slug, tag)| tag_path(&slug, &tag)));
    Ok(paths)
}

// ---------------------------------------------------------------- the list

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub tag: String,
    pub kind: String,
    pub page: String,
}

impl Filter {
    fn page_number(&self) -> i64 {
        self.page
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 1)
            .unwrap_or(1)
    }

    fn tag(&self) -> String {
        normalise_tag(&self.tag)
    }

    pub fn query_string(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        let tag = self.tag();
        if !tag.is_empty() {
            s.append_pair("tag", &tag);
        }
        if KINDS.contains(&self.kind.as_str()) {
            s.append_pair("kind", &self.kind);
        }
        s.finish()
    }
}

/// The FROM and WHERE of the list: the agreement's articles, public ones
/// only unless `all`, of a tag and kind if given.
pub fn list_sql(agreement_id: i64, tag: &str, kind: &str, all: bool, p: &mut Params) -> String {
    let mut sql = format!("FROM news n WHERE n.agreement_id = {}", p.int(agreement_id));
    if !all {
        sql += &format!(" AND {}", public_sql(&p.text(db::now())));
    }
    if !tag.is_empty() {
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM news_tags t WHERE t.news_id = n.id AND t.tag = {})",
            p.text(tag)
        );
    }
    if KINDS.contains(&kind) {
        sql += &format!(" AND n.kind = {}", p.text(kind));
    }
    sql
}

/// Newest first; drafts (no time) first of all for the editors who see them.
const ORDER: &str = "ORDER BY COALESCE(n.publish_at, '9999') DESC, n.id DESC";

/// Articles of the agreement, newest first: public ones, or all for editors.
pub async fn articles(
    db: &Db,
    agreement_id: i64,
    tag: &str,
    kind: &str,
    all: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<Article>, sqlx::Error> {
    let mut p = Params::new();
    let from = list_sql(agreement_id, tag, kind, all, &mut p);
    let sql = format!(
        "SELECT {COLUMNS} {from} {ORDER} LIMIT {} OFFSET {}",
        p.int(limit),
        p.int(offset)
    );
    p.bind_to(sqlx::query_as(&sql)).fetch_all(&db.pool).await
}

/// The tags of several articles: article id → tags.
pub async fn tags_of(
    db: &Db,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<String>>, sqlx::Error> {
    let mut out: std::collections::HashMap<i64, Vec<String>> = Default::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut p = Params::new();
    let list: Vec<String> = ids.iter().map(|id| p.int(*id)).collect();
    let sql = format!(
        "SELECT news_id, tag FROM news_tags WHERE news_id IN ({}) ORDER BY news_id, tag",
        list.join(", ")
    );
    let pairs: Vec<(i64, String)> = p.bind_to(sqlx::query_as(&sql)).fetch_all(&db.pool).await?;
    for (id, tag) in pairs {
        out.entry(id).or_default().push(tag);
    }
    Ok(out)
}

pub struct Line {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub lead: String,
    pub date: String,
    /// "" when published, else the marker's translation key.
    pub marker: &'static str,
    pub tags: Vec<(String, String)>,
}

fn marker(state: Status) -> &'static str {
    match state {
        Status::Draft => "news-state-draft",
        Status::Scheduled => "news-state-scheduled",
        Status::Published => "",
    }
}

#[derive(Template)]
#[template(path = "news/templates/list.html")]
struct ListView {
    page: Page,
    agreement: Agreement,
    lines: Vec<Line>,
    /// The tag of a tag page, or the tag filtered on.
    tag: String,
    kind: String,
    number: i64,
    has_next: bool,
    base: String,
    query: String,
    feed: String,
    tag_page: bool,
    can_edit: bool,
}

impl ListView {
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }

    fn page_href(&self, n: &i64) -> String {
        let q = if self.query.is_empty() {
            format!("page={n}")
        } else {
            format!("{}&page={n}", self.query)
        };
        format!("{}?{q}", self.base)
    }
}

#[allow(clippy::too_many_arguments)]
async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    tag: String,
    kind: String,
    number: i64,
    tag_page: bool,
) -> AppResult<Response> {
    let editor = ctx.edits(agreement.id);
    let mut found = articles(
        &state.db,
        agreement.id,
        &tag,
        &kind,
        editor,
        PER_PAGE + 1,
        (number - 1) * PER_PAGE,
    )
    .await?;
    let has_next = found.len() as i64 > PER_PAGE;
    found.truncate(PER_PAGE as usize);
    let ids: Vec<i64> = found.iter().map(|a| a.id).collect();
    let mut tags = tags_of(&state.db, &ids).await?;
    let now = db::now();
    let lines = found
        .into_iter()
        .map(|a| Line {
            marker: marker(a.state(&now)),
            date: a
                .publish_at
                .as_deref()
                .map(|at| long_day(ctx.lang, at))
                .unwrap_or_default(),
            tags: tags
                .remove(&a.id)
                .unwrap_or_default()
                .into_iter()
                .map(|t| (tag_path(&agreement.slug, &t), t))
                .collect(),
            id: a.id,
            kind: a.kind,
            title: a.title,
            lead: a.lead,
        })
        .collect();
    let mut page = if tag_page {
        Page::titled(
            ctx,
            ctx.lang.t_with("news-tag-title", &[("tag", tag.clone())]),
        )
    } else {
        Page::new(ctx, "news-title")
    }
    .describe(ctx.t("news-description"));
    page.for_agreement(ctx, &agreement);
    let feed = if tag.is_empty() {
        let alt = feed_alternate(ctx.lang, &agreement);
        let href = alt.href.clone();
        page.alternates.push(alt);
        href
    } else {
        let alt = tag_alternate(ctx.lang, &agreement, &tag);
        let href = alt.href.clone();
        page.alternates.push(alt);
        page.alternates.push(feed_alternate(ctx.lang, &agreement));
        href
    };
    let (base, query) = if tag_page {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if KINDS.contains(&kind.as_str()) {
            s.append_pair("kind", &kind);
        }
        (tag_path(&agreement.slug, &tag), s.finish())
    } else {
        let f = Filter {
            tag: tag.clone(),
            kind: kind.clone(),
            page: String::new(),
        };
        (format!("/{}/news", agreement.slug), f.query_string())
    };
    Ok(render(&ListView {
        can_edit: editor,
        page,
        agreement,
        lines,
        tag,
        kind,
        number,
        has_next,
        base,
        query,
        feed,
        tag_page,
    }))
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let number = filter.page_number();
    list_page(
        &state,
        &ctx,
        agreement,
        filter.tag(),
        filter.kind.clone(),
        number,
        false,
    )
    .await
}

/// A tag's page, or with ".atom" its feed.
async fn tag_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, tag)): Path<(String, String)>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    if let Some(stem) = tag.strip_suffix(".atom") {
        return feed::tag_feed(&state, &ctx, agreement, &normalise_tag(stem)).await;
    }
    let tag = normalise_tag(&tag);
    if tag.is_empty() {
        return Err(AppError::NotFound);
    }
    list_page(
        &state,
        &ctx,
        agreement,
        tag,
        filter.kind.clone(),
        filter.page_number(),
        true,
    )
    .await
}

// ---------------------------------------------------------------- one article

pub struct ContactLine {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub phone_shown: String,
}

pub struct AttachmentLine {
    pub href: String,
    pub file_href: String,
    pub title: String,
    pub file_type: String,
    pub size: String,
}

#[derive(Template)]
#[template(path = "news/templates/show.html")]
struct ShowView {
    page: Page,
    agreement: Agreement,
    a: Article,
    date: String,
    marker: &'static str,
    body_html: String,
    contacts: Vec<ContactLine>,
    attachments: Vec<AttachmentLine>,
    tags: Vec<(String, String)>,
    meeting: Option<(String, String)>,
    decision: Option<(String, String)>,
    can_edit: bool,
}

impl ShowView {
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
}

/// The linked meeting: (path, "title, date"), if it is the agreement's.
async fn linked_meeting(
    db: &Db,
    lang: Lang,
    agreement: &Agreement,
    id: Option<i64>,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let Some(id) = id else { return Ok(None) };
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT title, starts_at FROM meetings WHERE id = $1 AND agreement_id = $2")
            .bind(id)
            .bind(agreement.id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(title, at)| {
        (
            format!("/{}/meetings/{id}", agreement.slug),
            format!("{title}, {}", long_day(lang, &at)),
        )
    }))
}

/// The linked decision: (path, label), if it is the agreement's and public
/// (a decision from minutes is public once they are), or the reader edits.
async fn linked_decision(
    db: &Db,
    lang: Lang,
    agreement: &Agreement,
    id: Option<i64>,
    editor: bool,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let Some(id) = id else { return Ok(None) };
    let visible = if editor {
        "1 = 1"
    } else {
        "(d.section_id IS NULL OR mi.state = 'published')"
    };
    let sql = format!(
        "SELECT d.decided_on, d.section_label, COALESCE(b.name, d.body_name) FROM decisions d
         LEFT JOIN bodies b ON b.id = d.body_id
         LEFT JOIN minutes_sections s ON s.id = d.section_id
         LEFT JOIN minutes mi ON mi.id = s.minutes_id
         WHERE d.id = $1 AND d.agreement_id = $2 AND {visible}"
    );
    let row: Option<(String, String, String)> = sqlx::query_as(&sql)
        .bind(id)
        .bind(agreement.id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|(on, section, body)| {
        let label = [body, section, agreements::long_date(lang, &on)]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        (format!("/{}/decisions/{id}", agreement.slug), label)
    }))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let editor = ctx.edits(agreement.id);
    let a = Article::find(&state.db, agreement.id, id, editor).await?;
    let lang = ctx.lang;
    let contacts = contacts(&state.db, a.id)
        .await?
        .into_iter()
        .map(|c| ContactLine {
            phone_shown: if c.phone.is_empty() {
                String::new()
            } else {
                Phone::from_stored(&c.phone).swedish()
            },
            name: c.name,
            role: c.role,
            email: c.email,
            phone: c.phone,
        })
        .collect();
    let attachments = attachments(&state.db, a.id)
        .await?
        .into_iter()
        .map(|d| AttachmentLine {
            href: format!("/{}/documents/{}", agreement.slug, d.id),
            file_href: format!("/{}/documents/{}/file", agreement.slug, d.id),
            title: d.title,
            file_type: d.content_type.as_deref().map(file_type).unwrap_or_default(),
            size: d.size.map(|s| file_size(lang, s)).unwrap_or_default(),
        })
        .collect();
    let tags: Vec<(String, String)> = tags(&state.db, a.id)
        .await?
        .into_iter()
        .map(|t| (tag_path(&agreement.slug, &t), t))
        .collect();
    let description = if a.lead.trim().is_empty() {
        ctx.t("news-description")
    } else {
        a.lead.chars().take(200).collect()
    };
    let mut page = Page::titled(&ctx, a.title.clone()).describe(description);
    page.for_agreement(&ctx, &agreement);
    page.alternates.push(feed_alternate(lang, &agreement));
    for (_, t) in &tags {
        page.alternates.push(tag_alternate(lang, &agreement, t));
    }
    Ok(render(&ShowView {
        meeting: linked_meeting(&state.db, lang, &agreement, a.meeting_id).await?,
        decision: linked_decision(&state.db, lang, &agreement, a.decision_id, editor).await?,
        page,
        date: a
            .publish_at
            .as_deref()
            .map(|at| crate::meetings::time::moment(lang, at))
            .unwrap_or_default(),
        marker: marker(a.state(&db::now())),
        body_html: crate::web::markdown::to_html(&a.body),
        contacts,
        attachments,
        tags,
        can_edit: editor,
        agreement,
        a,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_lower_case_and_trimmed() {
        assert_eq!(normalise_tag("  Handlingsplan "), "handlingsplan");
        assert_eq!(normalise_tag("Öppen  Dialog"), "öppen dialog");
    }

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(encode_segment("öppen dialog"), "%C3%B6ppen%20dialog");
        assert_eq!(encode_segment("uppföljning"), "uppf%C3%B6ljning");
        assert_eq!(encode_segment("a-b_c"), "a-b_c");
    }

    #[test]
    fn sizes_read_the_swedish_way() {
        assert_eq!(file_size(Lang::Sv, 1_260_000), "1,3 MB");
        assert_eq!(file_size(Lang::En, 350_000), "350.0 kB");
        assert_eq!(file_size(Lang::Sv, 12), "12 B");
    }
}
