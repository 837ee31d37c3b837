//! The public register of an agreement's signatories: who has signed, since
//! when, filtered and searched; the count over time as a chart; the register
//! on any date; and exports of the register and its history.

pub mod export;
pub mod import;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use crate::agreements::{self, Agreement, long_date};
use crate::db::{self, Db, Params};
use crate::organisations::{self, KINDS, LEVELS, municipalities};
use crate::web::i18n::Lang;
use crate::web::layout::{Alternate, Page, render};
use crate::web::{AppResult, AppState, Ctx};

const PER_PAGE: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/signatories", get(register))
        .route(
            "/{slug}/signatories/import",
            get(import::page::form)
                .post(import::page::upload)
                .layer(axum::extract::DefaultBodyLimit::max(20 * 1024 * 1024)),
        )
        .route("/{slug}/signatories.csv", get(export::current_csv))
        .route("/{slug}/signatories.xlsx", get(export::current_xlsx))
        .route("/{slug}/signatories/history.csv", get(export::history_csv))
        .route(
            "/{slug}/signatories/history.xlsx",
            get(export::history_xlsx),
        )
}

/// The register's filters, as they arrive in the query string.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub q: String,
    pub kind: String,
    pub legal_form: String,
    pub municipality: String,
    pub level: String,
    pub umbrella: String,
    pub year: String,
    /// The register as it stood on this date (YYYY-MM-DD); today if empty.
    pub on: String,
    pub sort: String,
    pub page: Option<i64>,
}

impl Filter {
    /// The date the register is shown for, and whether the given one was valid.
    pub fn date(&self) -> (jiff::civil::Date, bool) {
        let today = jiff::Zoned::now().date();
        if self.on.trim().is_empty() {
            return (today, true);
        }
        match self.on.trim().parse::<jiff::civil::Date>() {
            Ok(d) => (d, true),
            Err(_) => (today, false),
        }
    }

    /// The query string without the page number, for pagination and exports.
    pub fn query_string(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("kind", &self.kind),
            ("legal_form", &self.legal_form),
            ("municipality", &self.municipality),
            ("level", &self.level),
            ("umbrella", &self.umbrella),
            ("year", &self.year),
            ("on", &self.on),
            ("sort", &self.sort),
        ] {
            if !v.is_empty() {
                s.append_pair(k, v);
            }
        }
        s.finish()
    }

    /// The FROM and WHERE of the register query for this filter.
    pub fn sql(&self, agreement_id: i64, date: jiff::civil::Date, p: &mut Params) -> String {
        let date = p.text(date.to_string());
        let sql = format!(
            "FROM signatories s JOIN organisations o ON o.id = s.organisation_id
             WHERE s.agreement_id = {} AND s.joined_on <= {date}
               AND (s.left_on IS NULL OR s.left_on > {date})",
            p.int(agreement_id)
        );
        sql + &self.conditions(p)
    }

    /// The filter's conditions (each " AND ...") on the organisation `o`
    /// and its period `s`; values that are not among the choices are no filter.
    pub fn conditions(&self, p: &mut Params) -> String {
        let mut sql = String::new();
        let q = self.q.trim();
        if !q.is_empty() {
            let pattern = p.text(db::like_pattern(&q.to_lowercase()));
            // An organisation number may be typed with or without its hyphen.
            let digits: String = q.chars().filter(char::is_ascii_digit).collect();
            let number = if digits.len() >= 4 {
                let with_hyphen = if digits.len() > 6 {
                    format!("{}-{}", &digits[..6], &digits[6..])
                } else {
                    digits
                };
                format!(
                    " OR o.org_number LIKE {} ESCAPE '\\'",
                    p.text(db::like_pattern(&with_hyphen))
                )
            } else {
                String::new()
            };
            sql += &format!(" AND (o.name_key LIKE {pattern} ESCAPE '\\'{number})");
        }
        if KINDS.contains(&self.kind.as_str()) {
            sql += &format!(" AND o.kind = {}", p.text(&self.kind));
        }
        if LEVELS.contains(&self.level.as_str()) {
            sql += &format!(" AND o.level = {}", p.text(&self.level));
        }
        if !self.legal_form.is_empty() {
            sql += &format!(" AND o.legal_form = {}", p.text(&self.legal_form));
        }
        if municipalities::municipality(&self.municipality).is_some() {
            sql += &format!(
                " AND EXISTS (SELECT 1 FROM organisation_municipalities m
                              WHERE m.organisation_id = o.id AND m.code = {})",
                p.text(&self.municipality)
            );
        }
        if let Ok(umbrella) = self.umbrella.parse::<i64>() {
            sql += &format!(
                " AND EXISTS (SELECT 1 FROM umbrella_members u
                              WHERE u.member_id = o.id AND u.umbrella_id = {})",
                p.int(umbrella)
            );
        }
        if let Ok(year) = self.year.parse::<i16>() {
            sql += &format!(
                " AND s.joined_on >= {} AND s.joined_on <= {}",
                p.text(format!("{year:04}-01-01")),
                p.text(format!("{year:04}-12-31"))
            );
        }
        sql
    }

    pub fn order_by(&self) -> &'static str {
        match self.sort.as_str() {
            "joined" => "s.joined_on, o.name_key",
            "joined-desc" => "s.joined_on DESC, o.name_key",
            "name-desc" => "o.name_key DESC",
            _ => "o.name_key",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub slug: String,
    pub name: String,
    pub org_number: Option<String>,
    pub kind: String,
    pub level: String,
    pub legal_form: String,
    pub joined_on: String,
}

pub const ROW_COLUMNS: &str =
    "o.slug, o.name, o.org_number, o.kind, o.level, o.legal_form, s.joined_on";

/// How many organisations are signatories today.
pub async fn current_count(db: &Db, agreement_id: i64) -> Result<i64, sqlx::Error> {
    let mut p = Params::new();
    let from_where = Filter::default().sql(agreement_id, jiff::Zoned::now().date(), &mut p);
    p.bind_scalar(sqlx::query_scalar(&format!("SELECT COUNT(*) {from_where}")))
        .fetch_one(&db.pool)
        .await
}

/// Joined and left dates of every period of an agreement: enough to count
/// the signatories on any day.
pub async fn periods(
    db: &Db,
    agreement_id: i64,
) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as("SELECT joined_on, left_on FROM signatories WHERE agreement_id = $1")
        .bind(agreement_id)
        .fetch_all(&db.pool)
        .await
}

/// How many had signed at the end of each year, from the first signature to
/// this year (this year counts up to today).
pub fn counts_by_year(
    periods: &[(String, Option<String>)],
    today: jiff::civil::Date,
) -> Vec<(i16, usize)> {
    let Some(first) = periods.iter().map(|(j, _)| j.as_str()).min() else {
        return Vec::new();
    };
    let first_year: i16 = first
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(today.year());
    (first_year..=today.year())
        .map(|year| {
            let end = if year == today.year() {
                today.to_string()
            } else {
                format!("{year:04}-12-31")
            };
            let n = periods
                .iter()
                .filter(|(joined, left)| {
                    joined.as_str() <= end.as_str()
                        && left.as_deref().is_none_or(|l| l > end.as_str())
                })
                .count();
            (year, n)
        })
        .collect()
}

/// One bar of the chart, laid out for the SVG.
pub struct Bar {
    pub year: i16,
    pub count: usize,
    pub x: usize,
    pub y: usize,
    pub height: usize,
}

pub const CHART_HEIGHT: usize = 160;
pub const BAR_STEP: usize = 36;

pub fn bars(counts: &[(i16, usize)]) -> Vec<Bar> {
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    counts
        .iter()
        .enumerate()
        .map(|(i, &(year, count))| {
            let height = count * CHART_HEIGHT / max;
            Bar {
                year,
                count,
                x: i * BAR_STEP + 4,
                y: CHART_HEIGHT - height + 20,
                height,
            }
        })
        .collect()
}

pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "signatories/templates/register.html")]
struct RegisterView {
    page: Page,
    agreement: Agreement,
    filter: Filter,
    date_valid: bool,
    date_label: Option<String>,
    rows: Vec<Row>,
    total_matching: i64,
    total_on_date: i64,
    page_number: i64,
    pages: i64,
    first_shown: i64,
    last_shown: i64,
    query_string: String,
    kinds: Vec<Choice>,
    levels: Vec<Choice>,
    legal_forms: Vec<Choice>,
    municipalities: Vec<Choice>,
    umbrellas: Vec<Choice>,
    years: Vec<Choice>,
    bars: Vec<Bar>,
    chart_width: usize,
}

impl RegisterView {
    fn kind_label(&self, code: &str) -> String {
        self.page.t(format!("kind-{code}"))
    }

    fn selected(&self, current: &str, value: &str) -> bool {
        current == value
    }
}

async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let (date, date_valid) = filter.date();
    let pool = &state.db.pool;

    let mut p = Params::new();
    let from_where = filter.sql(agreement.id, date, &mut p);
    let total_matching: i64 = p
        .bind_scalar(sqlx::query_scalar(&format!("SELECT COUNT(*) {from_where}")))
        .fetch_one(pool)
        .await?;
    let pages = ((total_matching + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_number = filter.page.unwrap_or(1).clamp(1, pages);
    let offset = (page_number - 1) * PER_PAGE;
    let sql = format!(
        "SELECT {ROW_COLUMNS} {from_where} ORDER BY {} LIMIT {} OFFSET {}",
        filter.order_by(),
        p.int(PER_PAGE),
        p.int(offset)
    );
    let rows: Vec<Row> = p.bind_to(sqlx::query_as(&sql)).fetch_all(pool).await?;

    let mut all = Params::new();
    let everything = Filter::default().sql(agreement.id, date, &mut all);
    let total_on_date: i64 = all
        .bind_scalar(sqlx::query_scalar(&format!("SELECT COUNT(*) {everything}")))
        .fetch_one(pool)
        .await?;

    let lang = ctx.lang;
    let options = FilterOptions::load(&state.db, agreement.id, lang).await?;
    let periods = periods(&state.db, agreement.id).await?;
    let bars = bars(&counts_by_year(&periods, jiff::Zoned::now().date()));

    let mut page = Page::titled(
        &ctx,
        ctx.lang.t_with(
            "signatories-title",
            &[("agreement", agreement.short_name.clone())],
        ),
    )
    .describe(ctx.lang.t_with(
        "signatories-description",
        &[("agreement", agreement.name.clone())],
    ));
    page.for_agreement(&ctx, &agreement);
    page.alternates.push(Alternate {
        mime: "text/csv",
        title: ctx.t("signatories-export-csv"),
        href: format!("/{}/signatories.csv", agreement.slug),
    });
    let shown = rows.len() as i64;
    Ok(render(&RegisterView {
        date_label: (!filter.on.trim().is_empty() && date_valid)
            .then(|| long_date(lang, &date.to_string())),
        query_string: filter.query_string(),
        chart_width: bars.len() * BAR_STEP + 8,
        page,
        agreement,
        date_valid,
        rows,
        total_matching,
        total_on_date,
        page_number,
        pages,
        first_shown: if shown == 0 { 0 } else { offset + 1 },
        last_shown: offset + shown,
        kinds: options.kinds,
        levels: options.levels,
        legal_forms: options.legal_forms,
        municipalities: options.municipalities,
        umbrellas: options.umbrellas,
        years: options.years,
        bars,
        filter,
    }))
}

/// The choices offered by the filter form: only values that occur.
struct FilterOptions {
    kinds: Vec<Choice>,
    levels: Vec<Choice>,
    legal_forms: Vec<Choice>,
    municipalities: Vec<Choice>,
    umbrellas: Vec<Choice>,
    years: Vec<Choice>,
}

impl FilterOptions {
    async fn load(db: &Db, agreement_id: i64, lang: Lang) -> Result<FilterOptions, sqlx::Error> {
        let pool = &db.pool;
        let legal: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT o.legal_form FROM signatories s JOIN organisations o ON o.id = s.organisation_id
             WHERE s.agreement_id = $1 AND o.legal_form <> '' ORDER BY o.legal_form",
        )
        .bind(agreement_id)
        .fetch_all(pool)
        .await?;
        let codes: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT m.code FROM signatories s JOIN organisation_municipalities m
               ON m.organisation_id = s.organisation_id
             WHERE s.agreement_id = $1 ORDER BY m.code",
        )
        .bind(agreement_id)
        .fetch_all(pool)
        .await?;
        let umbrellas: Vec<(i64, String)> = sqlx::query_as(
            "SELECT DISTINCT o.id, o.name FROM signatories s JOIN organisations o ON o.id = s.organisation_id
             WHERE s.agreement_id = $1 AND o.kind = 'umbrella' ORDER BY o.name",
        )
        .bind(agreement_id)
        .fetch_all(pool)
        .await?;
        let years: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT SUBSTR(joined_on, 1, 4) FROM signatories WHERE agreement_id = $1 ORDER BY 1 DESC",
        )
        .bind(agreement_id)
        .fetch_all(pool)
        .await?;
        let mut municipalities: Vec<Choice> = codes
            .into_iter()
            .filter_map(|c| municipalities::municipality(&c))
            .map(|m| Choice {
                value: m.code.into(),
                label: m.name.into(),
            })
            .collect();
        municipalities.sort_by(|a, b| a.label.cmp(&b.label));
        Ok(FilterOptions {
            kinds: KINDS
                .iter()
                .map(|k| Choice {
                    value: k.to_string(),
                    label: lang.t(&format!("kind-{k}")),
                })
                .collect(),
            levels: LEVELS
                .iter()
                .map(|l| Choice {
                    value: l.to_string(),
                    label: lang.t(&format!("level-{l}")),
                })
                .collect(),
            legal_forms: legal
                .into_iter()
                .map(|code| Choice {
                    label: organisations::legal_form_name(lang, &code),
                    value: code,
                })
                .collect(),
            municipalities,
            umbrellas: umbrellas
                .into_iter()
                .map(|(id, name)| Choice {
                    value: id.to_string(),
                    label: name,
                })
                .collect(),
            years: years
                .into_iter()
                .map(|y| Choice {
                    value: y.clone(),
                    label: y,
                })
                .collect(),
        })
    }
}
