//! The register of partnerships: idea-based public partnerships (IOP) and
//! other joint initiatives between the public body and organisations.

pub mod demo;
pub mod edit;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use crate::agreements::{self, Agreement, long_date};
use crate::bodies::phone::Phone;
use crate::db::{self, Db, Params};
use crate::meetings::registration::csv_safe;
use crate::signatories::export::Table;
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub const KINDS: [&str; 2] = ["iop", "other"];
pub const STATUSES: [&str; 4] = ["planned", "active", "ended", "terminated"];
const PER_PAGE: i64 = 25;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/partnerships", get(list))
        .route("/{slug}/partnerships.csv", get(export_csv))
        .route("/{slug}/partnerships.xlsx", get(export_xlsx))
        .route("/{slug}/partnerships/{id}", get(show))
        .merge(edit::routes())
}

// ---------------------------------------------------------------- model

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Partnership {
    pub id: i64,
    pub agreement_id: i64,
    pub kind: String,
    pub title: String,
    pub societal_goal: String,
    pub target_group: String,
    pub public_party: String,
    pub public_committee: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub assessment: String,
    pub decision_body: String,
    pub decision_on: Option<String>,
    pub case_number: String,
    pub status: String,
    pub description: String,
}

pub const COLUMNS: &str =
    "id, agreement_id, kind, title, societal_goal, target_group, public_party,
    public_committee, starts_on, ends_on, assessment, decision_body, decision_on, case_number,
    status, description";

impl Partnership {
    /// One partnership of this agreement; another agreement's is not found.
    pub async fn find(db: &Db, agreement_id: i64, id: i64) -> AppResult<Partnership> {
        let sql = format!("SELECT {COLUMNS} FROM partnerships WHERE id = $1 AND agreement_id = $2");
        sqlx::query_as(&sql)
            .bind(id)
            .bind(agreement_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub fn path(&self, slug: &str) -> String {
        format!("/{slug}/partnerships/{}", self.id)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartyOrganisation {
    pub organisation_id: Option<i64>,
    /// The register's name when it is in the register, as written otherwise.
    pub name: String,
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Year {
    pub year: i64,
    pub public_funding: i64,
    pub own_contribution: i64,
    pub volunteer_hours: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Contact {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Document {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Report {
    pub id: i64,
    pub year: i64,
    pub reported_on: String,
    pub text: String,
}

pub async fn organisations(db: &Db, id: i64) -> Result<Vec<PartyOrganisation>, sqlx::Error> {
    sqlx::query_as(
        "SELECT po.organisation_id, COALESCE(o.name, po.name) AS name, o.slug
         FROM partnership_organisations po LEFT JOIN organisations o ON o.id = po.organisation_id
         WHERE po.partnership_id = $1 ORDER BY po.position, po.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

pub async fn years(db: &Db, id: i64) -> Result<Vec<Year>, sqlx::Error> {
    sqlx::query_as(
        "SELECT year, public_funding, own_contribution, volunteer_hours
         FROM partnership_years WHERE partnership_id = $1 ORDER BY year",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

pub async fn contacts(db: &Db, id: i64) -> Result<Vec<Contact>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, role, email, phone FROM partnership_contacts
         WHERE partnership_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

pub async fn documents(db: &Db, id: i64) -> Result<Vec<Document>, sqlx::Error> {
    sqlx::query_as(
        "SELECT title, url FROM partnership_documents WHERE partnership_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

pub async fn reports(db: &Db, id: i64) -> Result<Vec<Report>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, year, reported_on, text FROM partnership_reports
         WHERE partnership_id = $1 ORDER BY year DESC, reported_on DESC, id DESC",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The organisations an editor can pick: every signatory the agreement has
/// had, so that one that has left still shows on older partnerships.
pub async fn organisation_choices(
    db: &Db,
    agreement_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT DISTINCT o.id, o.name, o.name_key FROM signatories s
         JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 ORDER BY o.name_key, o.id",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(id, name, _)| (id, name)).collect())
}

/// A whole number of kronor or hours the Swedish or English way:
/// "150 000" (with no-break spaces) or "150,000".
pub fn amount(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::Sv => '\u{a0}',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// "1 mars 2024 – 31 december 2026", or either end alone.
pub fn period(lang: Lang, starts_on: Option<&str>, ends_on: Option<&str>) -> String {
    match (starts_on, ends_on) {
        (Some(s), Some(e)) => format!("{} – {}", long_date(lang, s), long_date(lang, e)),
        (Some(s), None) => format!("{} –", long_date(lang, s)),
        (None, Some(e)) => format!("– {}", long_date(lang, e)),
        (None, None) => String::new(),
    }
}

/// The partnerships an organisation takes part in, for its page: (path, title).
pub async fn for_organisation(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT DISTINCT a.slug, p.id, p.title FROM partnership_organisations po
         JOIN partnerships p ON p.id = po.partnership_id
         JOIN agreements a ON a.id = p.agreement_id
         WHERE po.organisation_id = $1 ORDER BY p.title, p.id",
    )
    .bind(organisation_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, id, title)| (format!("/{slug}/partnerships/{id}"), title))
        .collect())
}

/// Every list and every partnership page, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let mut paths: Vec<String> = sqlx::query_scalar("SELECT slug FROM agreements ORDER BY slug")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|slug: String| format!("/{slug}/partnerships"))
        .collect();
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.slug, p.id FROM partnerships p JOIN agreements a ON a.id = p.agreement_id
         ORDER BY a.slug, p.id",
    )
    .fetch_all(&db.pool)
    .await?;
    paths.extend(
        rows.into_iter()
            .map(|(slug, id)| format!("/{slug}/partnerships/{id}")),
    );
    Ok(paths)
}

// ---------------------------------------------------------------- the list

/// The list's filters, as they arrive in the query string.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub q: String,
    pub status: String,
    pub kind: String,
    pub organisation: String,
    pub year: String,
    pub page: String,
}

impl Filter {
    /// The year asked for, when it is a sensible one.
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

    /// The query string without the page number, for pagination and exports.
    pub fn query_string(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("status", &self.status),
            ("kind", &self.kind),
            ("organisation", &self.organisation),
            ("year", &self.year),
        ] {
            if !v.trim().is_empty() {
                s.append_pair(k, v.trim());
            }
        }
        s.finish()
    }

    /// The sums of money and hours per partnership: of the chosen year, or
    /// of all years. Placeholders come first, so call this before `sql`.
    fn sums(&self, p: &mut Params) -> String {
        let year = match self.year() {
            Some(y) => format!(" AND y.year = {}", p.int(y)),
            None => String::new(),
        };
        ["public_funding", "own_contribution", "volunteer_hours"]
            .iter()
            .map(|c| {
                format!(
                    "CAST(COALESCE((SELECT SUM(y.{c}) FROM partnership_years y
                       WHERE y.partnership_id = p.id{year}), 0) AS BIGINT) AS {c}"
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The FROM and WHERE of the list for this filter.
    pub fn sql(&self, agreement_id: i64, p: &mut Params) -> String {
        let mut sql = format!(
            "FROM partnerships p WHERE p.agreement_id = {}",
            p.int(agreement_id)
        );
        let q = self.q.trim();
        if !q.is_empty() {
            sql += &format!(
                " AND LOWER(p.title) LIKE {} ESCAPE '\\'",
                p.text(db::like_pattern(&q.to_lowercase()))
            );
        }
        if STATUSES.contains(&self.status.as_str()) {
            sql += &format!(" AND p.status = {}", p.text(&self.status));
        }
        if KINDS.contains(&self.kind.as_str()) {
            sql += &format!(" AND p.kind = {}", p.text(&self.kind));
        }
        if let Ok(org) = self.organisation.trim().parse::<i64>() {
            sql += &format!(
                " AND EXISTS (SELECT 1 FROM partnership_organisations po
                              WHERE po.partnership_id = p.id AND po.organisation_id = {})",
                p.int(org)
            );
        }
        if let Some(y) = self.year() {
            // Active in the year: begun by its end and not ended before it began.
            sql += &format!(
                " AND (p.starts_on IS NULL OR p.starts_on <= {})
                  AND (p.ends_on IS NULL OR p.ends_on >= {})",
                p.text(format!("{y:04}-12-31")),
                p.text(format!("{y:04}-01-01"))
            );
        }
        sql
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub status: String,
    pub public_party: String,
    pub public_committee: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub decision_body: String,
    pub decision_on: Option<String>,
    pub case_number: String,
    pub public_funding: i64,
    pub own_contribution: i64,
    pub volunteer_hours: i64,
}

const LIST_COLUMNS: &str = "p.id, p.kind, p.title, p.status, p.public_party, p.public_committee,
    p.starts_on, p.ends_on, p.decision_body, p.decision_on, p.case_number";

const ORDER: &str = "ORDER BY COALESCE(p.starts_on, '') DESC, p.id DESC";

/// The filtered rows, one page of them or (None) all.
async fn rows(
    db: &Db,
    agreement_id: i64,
    filter: &Filter,
    page: Option<i64>,
) -> Result<Vec<ListRow>, sqlx::Error> {
    let mut p = Params::new();
    let sums = filter.sums(&mut p);
    let mut sql = format!(
        "SELECT {LIST_COLUMNS}, {sums} {} {ORDER}",
        filter.sql(agreement_id, &mut p)
    );
    if let Some(number) = page {
        // One more than a page tells whether there is a next one.
        sql += &format!(
            " LIMIT {} OFFSET {}",
            p.int(PER_PAGE + 1),
            p.int((number - 1) * PER_PAGE)
        );
    }
    p.bind_to(sqlx::query_as(&sql)).fetch_all(&db.pool).await
}

/// Names of each listed partnership's organisations, in their order.
async fn names_of(
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
        "SELECT po.partnership_id, COALESCE(o.name, po.name) FROM partnership_organisations po
         LEFT JOIN organisations o ON o.id = po.organisation_id
         WHERE po.partnership_id IN ({}) ORDER BY po.partnership_id, po.position, po.id",
        list.join(", ")
    );
    let pairs: Vec<(i64, String)> = p.bind_to(sqlx::query_as(&sql)).fetch_all(&db.pool).await?;
    for (id, name) in pairs {
        out.entry(id).or_default().push(name);
    }
    Ok(out)
}

#[derive(Debug, Default, Clone, Copy, sqlx::FromRow)]
pub struct Totals {
    pub count: i64,
    pub public_funding: i64,
    pub own_contribution: i64,
    pub volunteer_hours: i64,
}

/// The sums over the whole filtered set (every page).
async fn totals(db: &Db, agreement_id: i64, filter: &Filter) -> Result<Totals, sqlx::Error> {
    let mut p = Params::new();
    let sums = filter.sums(&mut p);
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) AS count,
            CAST(COALESCE(SUM(t.public_funding), 0) AS BIGINT) AS public_funding,
            CAST(COALESCE(SUM(t.own_contribution), 0) AS BIGINT) AS own_contribution,
            CAST(COALESCE(SUM(t.volunteer_hours), 0) AS BIGINT) AS volunteer_hours
         FROM (SELECT p.id, {sums} {}) t",
        filter.sql(agreement_id, &mut p)
    );
    p.bind_to(sqlx::query_as(&sql)).fetch_one(&db.pool).await
}

pub struct Line {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub organisations: String,
    pub period: String,
    pub public_funding: String,
    pub own_contribution: String,
    pub volunteer_hours: String,
}

#[derive(Template)]
#[template(path = "partnerships/templates/list.html")]
struct ListView {
    page: Page,
    agreement: Agreement,
    filter: Filter,
    lines: Vec<Line>,
    organisations: Vec<(i64, String)>,
    totals: Totals,
    total_public: String,
    total_own: String,
    total_hours: String,
    number: i64,
    has_next: bool,
    can_edit: bool,
}

impl ListView {
    fn page_href(&self, number: &i64) -> String {
        let q = self.filter.query_string();
        let sep = if q.is_empty() { "" } else { "&" };
        format!(
            "/{}/partnerships?{q}{sep}page={number}",
            self.agreement.slug
        )
    }

    fn export_href(&self, ext: &str) -> String {
        let q = self.filter.query_string();
        if q.is_empty() {
            format!("/{}/partnerships.{ext}", self.agreement.slug)
        } else {
            format!("/{}/partnerships.{ext}?{q}", self.agreement.slug)
        }
    }

    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }

    fn is_org(&self, id: &i64) -> bool {
        self.filter.organisation.trim() == id.to_string()
    }

    fn totals_caption(&self) -> String {
        match self.filter.year() {
            Some(y) => self.page.t1("partnership-totals-year", "year", y),
            None => self.page.t("partnership-totals-all"),
        }
    }
}

/// The organisations that take part in any of the agreement's partnerships.
async fn filter_organisations(
    db: &Db,
    agreement_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT DISTINCT o.id, o.name, o.name_key FROM partnership_organisations po
         JOIN partnerships p ON p.id = po.partnership_id
         JOIN organisations o ON o.id = po.organisation_id
         WHERE p.agreement_id = $1 ORDER BY o.name_key, o.id",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(id, name, _)| (id, name)).collect())
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let number = filter.page_number();
    let mut found = rows(&state.db, agreement.id, &filter, Some(number)).await?;
    let has_next = found.len() as i64 > PER_PAGE;
    found.truncate(PER_PAGE as usize);
    let ids: Vec<i64> = found.iter().map(|r| r.id).collect();
    let mut names = names_of(&state.db, &ids).await?;
    let lang = ctx.lang;
    let lines = found
        .into_iter()
        .map(|r| Line {
            organisations: names.remove(&r.id).unwrap_or_default().join(", "),
            period: period(lang, r.starts_on.as_deref(), r.ends_on.as_deref()),
            public_funding: amount(lang, r.public_funding),
            own_contribution: amount(lang, r.own_contribution),
            volunteer_hours: amount(lang, r.volunteer_hours),
            id: r.id,
            title: r.title,
            kind: r.kind,
            status: r.status,
        })
        .collect();
    let totals = totals(&state.db, agreement.id, &filter).await?;
    let mut page =
        Page::new(&ctx, "partnership-list-title").describe(ctx.t("partnership-list-description"));
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ListView {
        organisations: filter_organisations(&state.db, agreement.id).await?,
        total_public: amount(lang, totals.public_funding),
        total_own: amount(lang, totals.own_contribution),
        total_hours: amount(lang, totals.volunteer_hours),
        totals,
        can_edit: ctx.edits(agreement.id),
        page,
        agreement,
        filter,
        lines,
        number,
        has_next,
    }))
}

// ---------------------------------------------------------------- exports

pub const EXPORT_HEADER: [&str; 16] = [
    "id",
    "title",
    "kind",
    "status",
    "organisations",
    "public_party",
    "public_committee",
    "starts_on",
    "ends_on",
    "public_funding",
    "own_contribution",
    "volunteer_hours",
    "decision_body",
    "decision_on",
    "case_number",
    "url",
];

/// The list as filtered on the page, all pages of it.
async fn export_table(state: &AppState, slug: &str, filter: &Filter) -> AppResult<Table<16>> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
    let found = rows(&state.db, agreement.id, filter, None).await?;
    let ids: Vec<i64> = found.iter().map(|r| r.id).collect();
    let mut names = names_of(&state.db, &ids).await?;
    let rows = found
        .into_iter()
        .map(|r| {
            [
                r.id.to_string(),
                r.title,
                r.kind,
                r.status,
                names.remove(&r.id).unwrap_or_default().join("; "),
                r.public_party,
                r.public_committee,
                r.starts_on.unwrap_or_default(),
                r.ends_on.unwrap_or_default(),
                r.public_funding.to_string(),
                r.own_contribution.to_string(),
                r.volunteer_hours.to_string(),
                r.decision_body,
                r.decision_on.unwrap_or_default(),
                r.case_number,
                state
                    .config
                    .absolute(&format!("/{}/partnerships/{}", agreement.slug, r.id)),
            ]
        })
        .collect();
    let stem = match filter.year() {
        Some(y) => format!("{}-partnerships-{y}", agreement.slug),
        None => format!("{}-partnerships", agreement.slug),
    };
    Ok(Table {
        file_stem: stem,
        sheet: "partnerships",
        header: EXPORT_HEADER,
        rows,
    })
}

/// Titles and names are typed by people: a cell that a spreadsheet would
/// run as a formula is made text.
async fn export_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let mut table = export_table(&state, &slug, &filter).await?;
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
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    export_table(&state, &slug, &filter).await?.xlsx()
}

// ---------------------------------------------------------------- one partnership

pub struct YearLine {
    pub year: i64,
    pub public_funding: String,
    pub own_contribution: String,
    pub volunteer_hours: String,
}

pub struct ContactLine {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub phone_shown: String,
}

pub struct ReportLine {
    pub id: i64,
    pub year: i64,
    pub date: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "partnerships/templates/show.html")]
struct ShowView {
    page: Page,
    agreement: Agreement,
    p: Partnership,
    organisations: Vec<PartyOrganisation>,
    period: String,
    decision_date: String,
    description_html: String,
    years: Vec<YearLine>,
    total: YearLine,
    contacts: Vec<ContactLine>,
    documents: Vec<Document>,
    reports: Vec<ReportLine>,
    decision_id: Option<i64>,
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
    let p = Partnership::find(&state.db, agreement.id, id).await?;
    let editor = ctx.edits(agreement.id);
    let lang = ctx.lang;
    let found = years(&state.db, p.id).await?;
    let sum = found.iter().fold(Year::default(), |acc, y| Year {
        year: 0,
        public_funding: acc.public_funding + y.public_funding,
        own_contribution: acc.own_contribution + y.own_contribution,
        volunteer_hours: acc.volunteer_hours + y.volunteer_hours,
    });
    let line = |y: &Year| YearLine {
        year: y.year,
        public_funding: amount(lang, y.public_funding),
        own_contribution: amount(lang, y.own_contribution),
        volunteer_hours: amount(lang, y.volunteer_hours),
    };
    let contacts = contacts(&state.db, p.id)
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
    let reports = reports(&state.db, p.id)
        .await?
        .into_iter()
        .map(|r| ReportLine {
            id: r.id,
            year: r.year,
            date: long_date(lang, &r.reported_on),
            html: crate::web::markdown::to_html(&r.text),
        })
        .collect();
    let decision_id = crate::minutes::decisions::for_subject(
        &state.db,
        agreement.id,
        "partnership",
        p.id,
        editor,
    )
    .await?;
    let description = if p.societal_goal.trim().is_empty() {
        ctx.t("partnership-list-description")
    } else {
        p.societal_goal.chars().take(200).collect()
    };
    let mut page = Page::titled(&ctx, p.title.clone()).describe(description);
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ShowView {
        page,
        organisations: organisations(&state.db, p.id).await?,
        period: period(lang, p.starts_on.as_deref(), p.ends_on.as_deref()),
        decision_date: p
            .decision_on
            .as_deref()
            .map(|d| long_date(lang, d))
            .unwrap_or_default(),
        description_html: crate::web::markdown::to_html(&p.description),
        years: found.iter().map(line).collect(),
        total: line(&sum),
        contacts,
        documents: documents(&state.db, p.id).await?,
        reports,
        decision_id,
        can_edit: editor,
        agreement,
        p,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(amount(Lang::Sv, 0), "0");
        assert_eq!(amount(Lang::Sv, 999), "999");
        assert_eq!(amount(Lang::Sv, 150_000), "150\u{a0}000");
        assert_eq!(amount(Lang::En, 1_250_000), "1,250,000");
    }
}
