//! The document library of an agreement: typed, dated documents with
//! versions and a visibility, uploaded files checked by their content, text
//! extracted for search.

pub mod demo;
pub mod edit;
pub mod files;
pub mod storage;
pub mod upload;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use crate::agreements::{self, Agreement, long_date};
use crate::bodies::Insider;
use crate::db::{self, Db, Params};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub const KINDS: [&str; 8] = [
    "protokoll",
    "anteckningar",
    "handlingsplan",
    "rapport",
    "beslut",
    "presentation",
    "avtal",
    "ovrigt",
];
pub const VISIBILITIES: [&str; 3] = ["public", "members", "editors"];
const PER_PAGE: i64 = 25;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/documents", get(list))
        .route("/{slug}/documents/{id}", get(show))
        .route("/{slug}/documents/{id}/file", get(files::current))
        .route(
            "/{slug}/documents/{id}/versions/{n}/file",
            get(files::version),
        )
        .merge(edit::routes())
}

/// A document's page.
pub fn path(slug: &str, id: i64) -> String {
    format!("/{slug}/documents/{id}")
}

// ---------------------------------------------------------------- model

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Document {
    pub id: i64,
    pub agreement_id: i64,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub document_date: String,
    pub body_id: Option<i64>,
    pub meeting_id: Option<i64>,
    pub visibility: String,
    pub received_on: Option<String>,
    pub case_number: String,
    pub current_version: i64,
}

const COLUMNS: &str = "id, agreement_id, kind, title, description, document_date, body_id,
    meeting_id, visibility, received_on, case_number, current_version";

impl Document {
    /// One document of this agreement, whoever asks; another agreement's is not found.
    pub async fn find(db: &Db, agreement_id: i64, id: i64) -> AppResult<Document> {
        let sql = format!("SELECT {COLUMNS} FROM documents WHERE id = $1 AND agreement_id = $2");
        sqlx::query_as(&sql)
            .bind(id)
            .bind(agreement_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The document if the visitor may see it; otherwise not found, so that
    /// an internal document's existence does not leak.
    pub async fn visible(db: &Db, ctx: &Ctx, agreement_id: i64, id: i64) -> AppResult<Document> {
        let d = Document::find(db, agreement_id, id).await?;
        if d.visibility == "public" {
            return Ok(d);
        }
        let insider = Insider::of(db, ctx, agreement_id).await?;
        if d.seen_by(&insider) {
            Ok(d)
        } else {
            Err(AppError::NotFound)
        }
    }

    pub fn seen_by(&self, insider: &Insider) -> bool {
        match self.visibility.as_str() {
            "public" => true,
            "members" => insider.sees(self.body_id),
            _ => insider.editor,
        }
    }

    pub fn is_public(&self) -> bool {
        self.visibility == "public"
    }
}

/// The visibility rule as a SQL condition on `d`.
fn visible_sql(insider: &Insider, p: &mut Params) -> String {
    if insider.editor {
        return "1 = 1".into();
    }
    format!(
        "(d.visibility = 'public' OR (d.visibility = 'members' AND {}))",
        insider.sql("d.body_id", p)
    )
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Version {
    pub id: i64,
    pub document_id: i64,
    pub number: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub note: String,
    pub uploaded_at: String,
}

const VERSION_COLUMNS: &str = "id, document_id, number, file_name, content_type, size, sha256, storage_key, note, uploaded_at";

pub async fn versions(db: &Db, document_id: i64) -> Result<Vec<Version>, sqlx::Error> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM document_versions WHERE document_id = $1 ORDER BY number DESC"
    );
    sqlx::query_as(&sql)
        .bind(document_id)
        .fetch_all(&db.pool)
        .await
}

pub async fn version(db: &Db, document_id: i64, number: i64) -> AppResult<Version> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM document_versions WHERE document_id = $1 AND number = $2"
    );
    sqlx::query_as(&sql)
        .bind(document_id)
        .bind(number)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Public documents of an agreement, newest first, for other features to
/// pick from (news attachments): (id, title).
pub async fn public_choices(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, title FROM documents WHERE agreement_id = $1 AND visibility = 'public'
         ORDER BY document_date DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

/// The documents of a meeting or a body that the visitor may see, newest
/// first: (path, title, date).
pub async fn listed_for(
    db: &Db,
    ctx: &Ctx,
    agreement: &Agreement,
    meeting_id: Option<i64>,
    body_id: Option<i64>,
) -> AppResult<Vec<(String, String, String)>> {
    let insider = Insider::of(db, ctx, agreement.id).await?;
    let mut p = Params::new();
    let mut sql = format!(
        "SELECT d.id, d.title, d.document_date FROM documents d WHERE d.agreement_id = {} AND {}",
        p.int(agreement.id),
        visible_sql(&insider, &mut p)
    );
    if let Some(id) = meeting_id {
        sql += &format!(" AND d.meeting_id = {}", p.int(id));
    }
    if let Some(id) = body_id {
        sql += &format!(" AND d.body_id = {}", p.int(id));
    }
    sql += " ORDER BY d.document_date DESC, d.id DESC LIMIT 50";
    let rows: Vec<(i64, String, String)> =
        p.bind_to(sqlx::query_as(&sql)).fetch_all(&db.pool).await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, date)| (path(&agreement.slug, id), title, long_date(ctx.lang, &date)))
        .collect())
}

/// Every library page and every public document, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let mut paths: Vec<String> = sqlx::query_scalar("SELECT slug FROM agreements ORDER BY slug")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|slug: String| format!("/{slug}/documents"))
        .collect();
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.slug, d.id FROM documents d JOIN agreements a ON a.id = d.agreement_id
         WHERE d.visibility = 'public' ORDER BY a.slug, d.id",
    )
    .fetch_all(&db.pool)
    .await?;
    paths.extend(rows.into_iter().map(|(slug, id)| path(&slug, id)));
    Ok(paths)
}

/// The agreement's bodies, for forms and filters: (id, name).
pub async fn body_choices(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM bodies WHERE agreement_id = $1 ORDER BY position, id")
        .bind(agreement_id)
        .fetch_all(&db.pool)
        .await
}

/// A size in bytes as people read it: "12 kB", "3,4 MB".
pub fn human_size(lang: crate::web::i18n::Lang, bytes: i64) -> String {
    let text = if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} kB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    };
    match lang {
        crate::web::i18n::Lang::Sv => text.replace('.', ","),
        crate::web::i18n::Lang::En => text,
    }
}

/// A short name of a detected content type: "PDF", "DOCX".
pub fn type_label(content_type: &str) -> &'static str {
    upload::ACCEPTED
        .iter()
        .find(|t| t.mime == content_type)
        .map(|t| t.label)
        .unwrap_or("?")
}

// ---------------------------------------------------------------- the library

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub q: String,
    pub kind: String,
    pub year: String,
    pub body: String,
    pub meeting: String,
    pub page: String,
}

impl Filter {
    pub fn year(&self) -> Option<i64> {
        self.year
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
    }

    fn page_number(&self) -> i64 {
        self.page
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 1)
            .unwrap_or(1)
    }

    fn query_string(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("kind", &self.kind),
            ("year", &self.year),
            ("body", &self.body),
            ("meeting", &self.meeting),
        ] {
            if !v.trim().is_empty() {
                s.append_pair(k, v.trim());
            }
        }
        s.finish()
    }

    fn sql(&self, agreement_id: i64, insider: &Insider, p: &mut Params) -> String {
        let sql = format!(
            "FROM documents d LEFT JOIN bodies b ON b.id = d.body_id
             LEFT JOIN meetings m ON m.id = d.meeting_id
             WHERE d.agreement_id = {} AND {}",
            p.int(agreement_id),
            visible_sql(insider, p)
        );
        sql + &self.conditions(p)
    }

    /// The filter's conditions (each " AND ...") on the document `d`.
    pub fn conditions(&self, p: &mut Params) -> String {
        let mut sql = String::new();
        let q = self.q.trim();
        if !q.is_empty() {
            sql += &format!(
                " AND LOWER(d.title) LIKE {} ESCAPE '\\'",
                p.text(db::like_pattern(&q.to_lowercase()))
            );
        }
        if KINDS.contains(&self.kind.as_str()) {
            sql += &format!(" AND d.kind = {}", p.text(&self.kind));
        }
        if let Some(y) = self.year() {
            sql += &format!(
                " AND d.document_date >= {} AND d.document_date <= {}",
                p.text(format!("{y:04}-01-01")),
                p.text(format!("{y:04}-12-31"))
            );
        }
        if let Ok(id) = self.body.trim().parse::<i64>() {
            sql += &format!(" AND d.body_id = {}", p.int(id));
        }
        if let Ok(id) = self.meeting.trim().parse::<i64>() {
            sql += &format!(" AND d.meeting_id = {}", p.int(id));
        }
        sql
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct ListRow {
    id: i64,
    kind: String,
    title: String,
    document_date: String,
    visibility: String,
    body_name: Option<String>,
    meeting_title: Option<String>,
}

pub struct Line {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub date: String,
    pub visibility: String,
    pub belongs_to: String,
}

#[derive(Template)]
#[template(path = "documents/templates/list.html")]
struct ListView {
    page: Page,
    agreement: Agreement,
    filter: Filter,
    lines: Vec<Line>,
    bodies: Vec<(i64, String)>,
    meetings: Vec<(i64, String)>,
    number: i64,
    has_next: bool,
    can_edit: bool,
}

impl ListView {
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }

    fn page_href(&self, number: &i64) -> String {
        let q = self.filter.query_string();
        let sep = if q.is_empty() { "" } else { "&" };
        format!("/{}/documents?{q}{sep}page={number}", self.agreement.slug)
    }

    fn is_body(&self, id: &i64) -> bool {
        self.filter.body.trim() == id.to_string()
    }

    fn is_meeting(&self, id: &i64) -> bool {
        self.filter.meeting.trim() == id.to_string()
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let insider = Insider::of(&state.db, &ctx, agreement.id).await?;
    let number = filter.page_number();
    let mut p = Params::new();
    let sql = format!(
        "SELECT d.id, d.kind, d.title, d.document_date, d.visibility, b.name AS body_name,
            m.title AS meeting_title {}
         ORDER BY d.document_date DESC, d.id DESC LIMIT {} OFFSET {}",
        filter.sql(agreement.id, &insider, &mut p),
        p.int(PER_PAGE + 1),
        p.int((number - 1) * PER_PAGE)
    );
    let mut rows: Vec<ListRow> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let has_next = rows.len() as i64 > PER_PAGE;
    rows.truncate(PER_PAGE as usize);
    let lines = rows
        .into_iter()
        .map(|r| Line {
            date: long_date(ctx.lang, &r.document_date),
            belongs_to: r.meeting_title.or(r.body_name).unwrap_or_default(),
            id: r.id,
            kind: r.kind,
            title: r.title,
            visibility: r.visibility,
        })
        .collect();
    let mut page = Page::new(&ctx, "doc-list-title").describe(ctx.t("doc-list-description"));
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ListView {
        bodies: body_choices(&state.db, agreement.id).await?,
        meetings: crate::meetings::choices(&state.db, agreement.id).await?,
        can_edit: ctx.edits(agreement.id),
        page,
        agreement,
        filter,
        lines,
        number,
        has_next,
    }))
}

// ---------------------------------------------------------------- one document

pub struct VersionLine {
    pub number: i64,
    pub file_name: String,
    pub type_label: &'static str,
    pub size: String,
    pub date: String,
    pub note: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "documents/templates/show.html")]
struct ShowView {
    page: Page,
    agreement: Agreement,
    d: Document,
    date: String,
    received: String,
    body: Option<(String, String)>,
    meeting: Option<(i64, String)>,
    description_html: String,
    versions: Vec<VersionLine>,
    can_edit: bool,
}

impl ShowView {
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let d = Document::visible(&state.db, &ctx, agreement.id, id).await?;
    let lang = ctx.lang;
    let versions = versions(&state.db, d.id)
        .await?
        .into_iter()
        .map(|v| VersionLine {
            href: format!("{}/versions/{}/file", path(&agreement.slug, d.id), v.number),
            type_label: type_label(&v.content_type),
            size: human_size(lang, v.size),
            date: crate::meetings::time::moment(lang, &v.uploaded_at),
            number: v.number,
            file_name: v.file_name,
            note: v.note,
        })
        .collect();
    let body: Option<(String, String)> = match d.body_id {
        Some(id) => {
            sqlx::query_as("SELECT slug, name FROM bodies WHERE id = $1")
                .bind(id)
                .fetch_optional(&state.db.pool)
                .await?
        }
        None => None,
    };
    let meeting: Option<(i64, String)> = match d.meeting_id {
        Some(id) => {
            sqlx::query_as("SELECT id, title FROM meetings WHERE id = $1")
                .bind(id)
                .fetch_optional(&state.db.pool)
                .await?
        }
        None => None,
    };
    let description = if d.description.trim().is_empty() {
        d.title.clone()
    } else {
        d.description.chars().take(200).collect()
    };
    let mut page = Page::titled(&ctx, d.title.clone()).describe(description);
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ShowView {
        date: long_date(lang, &d.document_date),
        received: d
            .received_on
            .as_deref()
            .map(|r| long_date(lang, r))
            .unwrap_or_default(),
        description_html: crate::web::markdown::to_html(&d.description),
        can_edit: ctx.edits(agreement.id),
        versions,
        body,
        meeting,
        page,
        agreement,
        d,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(Lang::En, 500), "500 B");
        assert_eq!(human_size(Lang::En, 2048), "2 kB");
        assert_eq!(human_size(Lang::Sv, 3 * 1024 * 1024 + 400_000), "3,4 MB");
    }
}
